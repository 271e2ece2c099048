import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '@vaelab/testing';
import { SCHEMA_VERSION } from './migrations.ts';
import { ExperimentStore } from './store.ts';
import type { ScheduleRunInput } from './types.ts';

const runs: ScheduleRunInput[] = [
  { configHash: 'a', variant: 'vae', dataset: 'toy', seed: 0, profile: 'quick', params: { beta: 1, layers: [8, 4] } },
  { configHash: 'b', variant: 'beta-vae', dataset: 'toy', seed: 0, profile: 'quick', params: { beta: 4 } },
];

describe('ExperimentStore', () => {
  const tempFolder = useTempDirs();
  let store: ExperimentStore | undefined;
  afterEach(() => {
    store?.close();
  });
  const open = (): ExperimentStore => {
    const folder = tempFolder();
    store = ExperimentStore.open(join(folder, 'nested', 'runs.sqlite'));
    return store;
  };

  it('creates its directory, uses WAL and the latest schema', () => {
    const s = open();
    expect(existsSync(s.path)).toBe(true);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(s.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(s.integrityCheck()).toEqual(['ok']);
  });

  it('upserts sweeps and schedules runs once per config hash', () => {
    const s = open();
    const first = s.upsertSweep({ name: 'beta', definition: { grid: { beta: [1, 4] } }, file: 'experiments/beta.ts' });
    expect(s.upsertSweep({ name: 'beta', definition: { grid: { beta: [1, 4] } }, file: 'experiments/beta.ts' }).updatedAt).toBe(first.updatedAt);
    expect(s.scheduleRuns('beta', runs)).toEqual({ runIds: [1, 2], inserted: 2 });
    expect(s.scheduleRuns('beta', [...runs, { ...runs[0], configHash: 'c' }])).toEqual({ runIds: [1, 2, 3], inserted: 1 });
    expect(s.getParams(1)).toEqual({ beta: 1, layers: [8, 4] });
    const [sweep] = s.listSweeps();
    expect(sweep.total).toBe(3);
    expect(sweep.counts.scheduled).toBe(3);
  });

  it('claims in order, records a run whole and refuses to finish it twice', () => {
    const s = open();
    s.upsertSweep({ name: 'beta', definition: {} });
    s.scheduleRuns('beta', runs);
    const run = s.claimNext({ sweep: 'beta', workerId: 'w1', gitCommit: 'abc' })!;
    expect(run).toMatchObject({ id: 1, status: 'running', pid: process.pid, workerId: 'w1', gitCommit: 'abc', attempts: 1 });
    s.logSeries(run.id, [{ key: 'loss', step: 0, value: 3 }, { key: 'loss', step: 10, value: Number.NaN }]);
    s.addArtifact(run.id, { name: 'samples.png', kind: 'png', mime: 'image/png', bytes: new Uint8Array([137, 80, 78, 71]) });
    s.setBackend(run.id, 'cpu');
    expect(s.finishRun(run.id, { status: 'completed', summaries: { mig: 0.25, 'kl/dim3': 0.5 }, series: [{ key: 'elbo', step: 10, value: -90 }] })).toBe(true);
    expect(s.finishRun(run.id, { status: 'failed', error: 'late' })).toBe(false);
    const done = s.getRun(run.id)!;
    expect(done).toMatchObject({ status: 'completed', backend: 'cpu', error: null, summaries: { mig: 0.25, 'kl/dim3': 0.5 } });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(s.listSeriesKeys(run.id)).toEqual(['elbo', 'loss']);
    const loss = s.getSeries(run.id, 'loss');
    expect(loss[0]).toEqual({ step: 0, value: 3 });
    expect(Number.isNaN(loss[1].value)).toBe(true);
    expect(s.getAllSeries(run.id).elbo).toEqual([{ step: 10, value: -90 }]);
    expect(s.listArtifacts(run.id)).toMatchObject([{ name: 'samples.png', kind: 'png', size: 4 }]);
    expect([...s.getArtifact(run.id, 'samples.png')!.bytes]).toEqual([137, 80, 78, 71]);
    expect(s.claimNext({ sweep: 'beta' })!.id).toBe(2);
    expect(s.claimNext({ sweep: 'beta' })).toBeUndefined();
  });

  it('repairs runs of dead processes and clears their partial data when reclaimed', () => {
    const s = open();
    s.upsertSweep({ name: 'beta', definition: {} });
    s.scheduleRuns('beta', runs);
    const dead = s.claimNext({ pid: 999_999_999 })!;
    s.logSeries(dead.id, [{ key: 'loss', step: 1, value: 1 }]);
    const alive = s.claimNext({})!;
    const elsewhere = s.claimNext({});
    expect(elsewhere).toBeUndefined();
    expect(s.repair().map((r) => r.id)).toEqual([dead.id]);
    expect(s.getRun(dead.id)).toMatchObject({ status: 'interrupted' });
    expect(s.getRun(alive.id)!.status).toBe('running');
    const again = s.claimNext({})!;
    expect(again).toMatchObject({ id: dead.id, attempts: 2 });
    expect(s.listSeriesKeys(dead.id)).toEqual([]);
    s.db.prepare("UPDATE runs SET host = 'node-7' WHERE id = ?").run(alive.id);
    expect(s.repair()).toEqual([]);
    expect(s.repair({ anyHost: true }).map((r) => r.id).sort()).toEqual([1, 2]);
  });

  it('opens read-only without writing', () => {
    const s = open();
    s.close();
    const ro = ExperimentStore.open(s.path, { readonly: true });
    expect(ro.listSweeps()).toEqual([]);
    expect(() => ro.upsertSweep({ name: 'x', definition: {} })).toThrow(/readonly/);
    ro.close();
  });
});
