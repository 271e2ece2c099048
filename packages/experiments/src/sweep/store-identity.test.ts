import { describe, expect, it } from 'vitest';
import { datasetNames, variantCatalog } from '../execute/catalog.ts';
import { prepareSweep } from './load.ts';

/**
 * A run is recognised in a store by its config hash, over its flat parameters. Splitting the
 * parameters into model and training config must not change a hash, or every completed run of
 * an existing store would be trained again. These hashes were computed by vaelab before the
 * training config had its own schema (commit e49ffeb), when learningRate and batchSize were
 * model-config fields, from the shipped sweep files' quick profiles.
 */
const BEFORE_THE_SPLIT = {
  beta: { runs: 9, first: 'cfac025d23bed5e0768436c96dcd321c675e43018fd8202465601a8ab2d5970d', last: 'd9a5661a952878c962f54a2dd6dc185529132787087ab959b6b8cda3b6a53b72' },
  methods: { runs: 21, first: 'dab0ff9599ef5caf68e37b61598b9c723e5c507a6ed89657893ae525416a53a4', last: 'd034de15a30b71f547660fc7d6fde8ae697ee38762f7a85efe4bbbb33096d781' },
};

describe('stores keep their runs across the training-config split', () => {
  it.each(Object.entries(BEFORE_THE_SPLIT))('%s: the same runs, flat parameters and config hashes as before', async (name, before) => {
    const prepared = await prepareSweep(name, { catalog: variantCatalog, datasets: datasetNames, profile: 'quick' });
    expect(prepared.runs).toHaveLength(before.runs);
    expect(prepared.runs[0].configHash).toBe(before.first);
    expect(prepared.runs[prepared.runs.length - 1].configHash).toBe(before.last);
    // Training fields stay beside model fields under their own names.
    expect(prepared.runs[0].params).toMatchObject({ learningRate: 0.001, batchSize: 64, steps: expect.any(Number), latentDim: 10 });
  });
});
