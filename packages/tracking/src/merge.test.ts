import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeStores } from './merge.ts';
import { writeVersion2Store } from './fixtures/version-2-store.ts';
import { ExperimentStore } from './store.ts';
import { canMount, smallDisk, useTempDirs } from '@vaelab/testing';

describe('mergeStores', () => {
  const tempFolder = useTempDirs();

  it('a completed run wins over an incomplete copy, in either order', () => {
    const folder = tempFolder();
    const make = (name: string, finish: boolean): string => {
      const path = join(folder, name);
      const store = ExperimentStore.open(path);
      store.upsertSweep({ name: 's', definition: {} });
      store.scheduleRuns('s', [{ configHash: 'h', variant: 'vae', dataset: 'toy', seed: 0, profile: 'quick', params: { a: 1 } }]);
      const run = store.claimNext()!;
      store.logSeries(run.id, [{ key: 'loss', step: 1, value: finish ? 1 : 99 }]);
      if (finish) store.finishRun(run.id, { status: 'completed', summaries: { mig: 0.5 } });
      else store.markInterrupted([run.id]);
      store.close();
      return path;
    };
    const done = make('done.sqlite', true);
    const partial = make('partial.sqlite', false);
    for (const order of [[done, partial], [partial, done]]) {
      const into = join(folder, `into-${order[0] === done ? 'a' : 'b'}.sqlite`);
      mergeStores(order, into);
      const store = ExperimentStore.open(into);
      const [run] = store.listRuns();
      expect(run).toMatchObject({ status: 'completed', summaries: { mig: 0.5 }, params: { a: 1 } });
      expect(store.getSeries(run.id, 'loss')).toEqual([{ step: 1, value: 1 }]);
      store.close();
    }
  });

  it('merges a store of the previous schema (series in a metrics table) with a current one', () => {
    const folder = tempFolder();
    const oldPath = join(folder, 'old.sqlite');
    writeVersion2Store(oldPath, { sweep: 's', configHash: 'old', points: [{ key: 'loss', step: 5, value: 42 }], summaries: { mig: 0.125 } });
    const newPath = join(folder, 'new.sqlite');
    const current = ExperimentStore.open(newPath);
    current.upsertSweep({ name: 's', definition: {} });
    current.scheduleRuns('s', [{ configHash: 'new', variant: 'vae', dataset: 'toy', seed: 1, profile: 'quick', params: {} }]);
    const run = current.claimNext()!;
    current.finishRun(run.id, { status: 'completed', series: [{ key: 'loss', step: 5, value: 7 }], summaries: { mig: 0.25 } });
    current.close();

    const into = join(folder, 'merged.sqlite');
    expect(mergeStores([oldPath, newPath], into)).toMatchObject({ added: 2, replaced: 0, kept: 0 });
    const merged = ExperimentStore.open(into, { readonly: true });
    const byHash = Object.fromEntries(merged.listRuns().map((r) => [r.configHash, r]));
    expect(byHash.old.summaries).toEqual({ mig: 0.125 });
    expect(merged.getSeries(byHash.old.id, 'loss')).toEqual([{ step: 5, value: 42 }]);
    expect(merged.getSeries(byHash.new.id, 'loss')).toEqual([{ step: 5, value: 7 }]);
    merged.close();
    // The old input was only read: it is still at its own schema version.
    const peek = new Database(oldPath, { readonly: true });
    expect(peek.pragma('user_version', { simple: true })).toBe(2);
    peek.close();
  });

  it('a merge that stops half-way leaves no store under the target name', () => {
    const folder = tempFolder();
    const good = join(folder, 'good.sqlite');
    const store = ExperimentStore.open(good);
    store.upsertSweep({ name: 's', definition: {} });
    store.close();
    const bad = join(folder, 'bad.sqlite');
    writeFileSync(bad, 'not a store at all, just text'.repeat(10));
    const into = join(folder, 'into.sqlite');
    expect(() => mergeStores([good, bad], into)).toThrow(`${bad}: not a vaelab store (not an SQLite database)`);
    expect(existsSync(into)).toBe(false);
    expect(() => mergeStores([into], join(folder, 'x.sqlite'))).toThrow(`${into}: no such store`);
    expect(() => mergeStores([good], good)).toThrow(/into itself/);
  });

  // A tmpfs needs root (as in CI).
  it.skipIf(!canMount)('on a full disk: one error naming the target, and no half store left under its name', () => {
    const folder = tempFolder();
    const big = join(folder, 'big.sqlite');
    const store = ExperimentStore.open(big);
    store.upsertSweep({ name: 's', definition: {} });
    const { runIds } = store.scheduleRuns('s', Array.from({ length: 20 }, (_, i) => ({ configHash: `h${i}`, variant: 'vae', dataset: 'toy', seed: i, profile: 'quick', params: {} })));
    for (const id of runIds) store.addArtifact(id, { name: 'weights', kind: 'checkpoint', mime: 'application/octet-stream', bytes: new Uint8Array(200_000).fill(id) });
    store.close();
    const disk = join(folder, 'disk');
    const release = smallDisk(disk, '2m');
    try {
      const into = join(disk, 'all.sqlite');
      expect(() => mergeStores([big], into)).toThrow(new RegExp(`^${into}: cannot write the merged store \\(database or disk is full\\)`));
      expect(readdirSync(disk)).toEqual([]);
    } finally {
      release();
    }
  });
});
