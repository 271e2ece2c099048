import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExperimentStore, mergeStores } from '@vaelab/tracking';
import { runSweep } from './run-sweep.ts';
import { testCatalog, testDatasets } from '../sweep/fixtures/catalog.ts';
import { validateSweep } from '../sweep/validate.ts';
import { useTempDirs } from '@vaelab/testing';

const sleepy = fileURLToPath(new URL('./fixtures/sleepy-executor.ts', import.meta.url));

/** Every row of every table, ids replaced by config hashes, sorted: equal dumps mean equal stores. */
function dump(path: string): string {
  const store = ExperimentStore.open(path, { readonly: true });
  const hashOf = new Map(store.listRunRecords().map((r) => [r.id, r.configHash]));
  const tables = ['sweeps', 'runs', 'params', 'series', 'summaries', 'artifacts'].map((table) => {
    const rows = (store.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]).map((row) => {
      const { id, run_id: runId, ...rest } = row;
      return JSON.stringify({ run: hashOf.get((runId ?? id) as number), ...rest, bytes: rest.bytes ? String(rest.bytes) : undefined });
    });
    return `${table}\n${rows.sort().join('\n')}`;
  });
  store.close();
  return tables.join('\n');
}

describe('sharded sweeps merged', () => {
  const tempFolder = useTempDirs();

  it('three shards merged equal one unsharded run, and merging twice changes nothing', async () => {
    const folder = tempFolder();
    const sweep = validateSweep(
      { name: 'sharded', dataset: 'toy', variants: ['vae', 'beta-vae'], base: { steps: 2, sleepMs: 1 }, grid: { beta: [0, 1, 2] }, seeds: 2 },
      { catalog: testCatalog, datasets: testDatasets },
    );
    const shardPaths = [0, 1, 2].map((i) => join(folder, `shard-${i}.sqlite`));
    const whole = join(folder, 'whole.sqlite');
    const [...results] = await Promise.all([
      ...shardPaths.map((path, index) => runSweep({ sweep, storePath: path, workers: 1, shard: { index, count: 3 }, executor: sleepy, handleSignals: false })),
      runSweep({ sweep, storePath: whole, workers: 1, executor: sleepy, handleSignals: false }),
    ]);
    expect(results.slice(0, 3).map((r) => r.total).reduce((a, b) => a + b)).toBe(12);
    expect(results.every((r) => r.counts.completed === r.total)).toBe(true);

    const into = join(folder, 'all.sqlite');
    expect(mergeStores(shardPaths, into)).toMatchObject({ added: 12, replaced: 0, kept: 0 });
    const view = (path: string) => {
      const store = ExperimentStore.open(path, { readonly: true });
      const runs = store.listRuns().map((r) => ({ hash: r.configHash, status: r.status, params: r.params, summaries: r.summaries,
        loss: store.getSeries(r.id, 'loss'), artifacts: store.listArtifacts(r.id).map((a) => a.name) }));
      store.close();
      return runs.sort((a, b) => a.hash.localeCompare(b.hash));
    };
    expect(view(into)).toEqual(view(whole));
    expect(view(into)).toHaveLength(12);

    const once = dump(into);
    expect(mergeStores(shardPaths, into)).toMatchObject({ added: 0, replaced: 0, kept: 12, sweeps: 0 });
    expect(dump(into)).toBe(once);
    expect(() => mergeStores([into], into)).toThrow(/into itself/);
  });
});
