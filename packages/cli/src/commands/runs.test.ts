import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExperimentStore } from '@vaelab/tracking';
import type { RunWithDetails } from '@vaelab/tracking';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '@vaelab/testing/cli';
import { runsCommand, runsTable } from './runs.ts';

const runs = (argv: string[]) => runCommand(runsCommand, argv);

describe('vaelab runs', () => {
  let dir = '';
  let db = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vaelab-runs-'));
    db = join(dir, 'runs.sqlite');
    const store = ExperimentStore.open(db);
    store.upsertSweep({ name: 'beta', definition: {} });
    store.scheduleRuns('beta', [1, 4, 16].map((beta) => ({ configHash: `h${beta}`, variant: 'beta-vae', dataset: 'toy', seed: 0, profile: 'quick', params: { beta, steps: 10 } })));
    const a = store.claimNext()!;
    store.finishRun(a.id, { status: 'completed', summaries: { mig: 0.123456, active_units: 5 } });
    const b = store.claimNext()!;
    store.finishRun(b.id, { status: 'diverged', divergedStep: 7, error: 'loss is NaN' });
    store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a table with status, varying parameters and summaries', async () => {
    const { code, out } = await runs(['--db', db]);
    expect(code).toBe(0);
    const [head, ...rows] = out.split('\n');
    expect(head.split(/\s+/)).toEqual(['id', 'sweep', 'variant', 'seed', 'profile', 'status', 'time', 'beta', 'active_units', 'mig']);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^1\s+beta\s+beta-vae\s+0\s+quick\s+completed\s+\d+s\s+1\s+5\s+0\.1235$/);
    expect(rows[1]).toMatch(/diverged@7/);
    expect(rows[2]).toMatch(/scheduled\s+16$/);
  });

  it('filters by sweep and status and prints JSON', async () => {
    const { out } = await runs(['--db', db, '--status', 'completed', '--json']);
    const parsed = JSON.parse(out) as RunWithDetails[];
    expect(parsed.map((r) => [r.id, r.status, r.params.beta, r.summaries.mig])).toEqual([[1, 'completed', 1, 0.123456]]);
    expect((await runs(['--db', db, '--sweep', 'other'])).out).toMatch(/no runs of sweep other/);
    expect(runsTable([])).toBe('id  sweep  variant  seed  profile  status  time');
  });

  it('rejects a bad status and a missing store with exit code 2', async () => {
    expect((await runs(['--db', db, '--status', 'done'])).code).toBe(2);
    const missing = await runs(['--db', join(dir, 'none.sqlite')]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toMatch(/no store at/);
  });
});
