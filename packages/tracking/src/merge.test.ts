import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeStores } from './merge.ts';
import { ExperimentStore } from './store.ts';
import { tempDir } from './testing.ts';

describe('mergeStores', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('a completed run wins over an incomplete copy, in either order', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const make = (name: string, finish: boolean): string => {
      const path = join(tmp.dir, name);
      const store = ExperimentStore.open(path);
      store.upsertSweep({ name: 's', definition: {} });
      store.scheduleRuns('s', [{ configHash: 'h', variant: 'vae', dataset: 'toy', seed: 0, profile: 'quick', params: { a: 1 } }]);
      const run = store.claimNext()!;
      store.logMetrics(run.id, [{ key: 'loss', step: 1, value: finish ? 1 : 99 }]);
      if (finish) store.finishRun(run.id, { status: 'completed', summaries: { mig: 0.5 } });
      else store.markInterrupted([run.id]);
      store.close();
      return path;
    };
    const done = make('done.sqlite', true);
    const partial = make('partial.sqlite', false);
    for (const order of [[done, partial], [partial, done]]) {
      const into = join(tmp.dir, `into-${order[0] === done ? 'a' : 'b'}.sqlite`);
      mergeStores(order, into);
      const store = ExperimentStore.open(into);
      const [run] = store.listRuns();
      expect(run).toMatchObject({ status: 'completed', summaries: { mig: 0.5 }, params: { a: 1 } });
      expect(store.getSeries(run.id, 'loss')).toEqual([{ step: 1, value: 1 }]);
      store.close();
    }
  });
});
