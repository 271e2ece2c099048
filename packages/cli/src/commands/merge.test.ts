import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExperimentStore } from '@vaelab/tracking';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '@vaelab/testing/cli';
import { mergeCommand } from './merge.ts';

const merge = (argv: string[]) => runCommand(mergeCommand, argv);

describe('vaelab merge', () => {
  let dir = '';
  const shard = (name: string, hashes: string[]): string => {
    const path = join(dir, name);
    const store = ExperimentStore.open(path);
    store.upsertSweep({ name: 's', definition: { v: 1 } });
    store.scheduleRuns('s', hashes.map((h) => ({ configHash: h, variant: 'vae', dataset: 'toy', seed: 0, profile: 'quick', params: { h } })));
    for (let run = store.claimNext(); run; run = store.claimNext()) store.finishRun(run.id, { status: 'completed', summaries: { mig: 1 } });
    store.close();
    return path;
  };
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'vaelab-merge-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('merges shard stores into one, and a second merge adds nothing', async () => {
    const a = shard('a.sqlite', ['1', '2']);
    const b = shard('b.sqlite', ['3']);
    const into = join(dir, 'all.sqlite');
    const first = await merge([a, b, '--into', into]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/3 runs added, 0 replaced by a further-along copy, 0 already present/);
    expect((await merge([a, b, '--into', into])).out).toMatch(/0 runs added, 0 replaced by a further-along copy, 3 already present/);
    const store = ExperimentStore.open(into);
    expect(store.listRuns().map((r) => [r.configHash, r.status, r.summaries.mig]).sort()).toEqual([['1', 'completed', 1], ['2', 'completed', 1], ['3', 'completed', 1]]);
    store.close();
  });

  it('merges a store of the schema before the series table was renamed with a current one', async () => {
    const current = shard('current.sqlite', ['1']);
    const old = shard('old.sqlite', ['2']);
    // Schema version 2 differs from 3 only by the name of the series table: undo the rename.
    const downgrade = ExperimentStore.open(old);
    downgrade.logSeries(1, [{ key: 'loss', step: 3, value: 41.5 }]);
    downgrade.db.exec('ALTER TABLE series RENAME TO metrics');
    downgrade.db.pragma('user_version = 2');
    downgrade.close();
    const into = join(dir, 'all.sqlite');
    const result = await merge([old, current, '--into', into]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toMatch(/2 runs added, 0 replaced by a further-along copy, 0 already present/);
    const store = ExperimentStore.open(into, { readonly: true });
    const runs = store.listRuns();
    expect(runs.map((r) => [r.configHash, r.status, r.summaries.mig]).sort()).toEqual([['1', 'completed', 1], ['2', 'completed', 1]]);
    expect(store.getSeries(runs.find((r) => r.configHash === '2')!.id, 'loss')).toEqual([{ step: 3, value: 41.5 }]);
    store.close();
  });

  it('needs --into and existing inputs', async () => {
    expect((await merge([join(dir, 'x.sqlite')])).code).toBe(2);
    expect((await merge(['--into', join(dir, 'all.sqlite')])).code).toBe(2);
    const missing = await merge([join(dir, 'nope.sqlite'), '--into', join(dir, 'all.sqlite')]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toMatch(/nope\.sqlite: no such store/);
  });
});
