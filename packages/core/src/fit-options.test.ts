import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.ts';
import { BaseVAE } from './model.ts';
import { baseVaeConfigSchema, normalizeConfig } from './config.ts';
import type { BaseVaeConfig } from './config.ts';
import { subsetDataset } from './data.ts';
import { barsDataset } from '@vaelab/testing';

class PlainVAE extends BaseVAE {
  readonly variantName = 'plain';
  constructor(config: Partial<BaseVaeConfig>) {
    super(normalizeConfig(baseVaeConfigSchema, config));
  }
}

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('fit refuses bad options and data before training', () => {
  const training = { batchSize: 8 };
  const data = barsDataset(32, { side: 4 });
  const model = (): PlainVAE => new PlainVAE({ inputShape: [4, 4, 1], latentDim: 2, architecture: { kind: 'mlp', hidden: [8] } });

  it('bounds steps and epochs, naming NaN and Infinity', async () => {
    const m = model();
    await expect(m.fit(data, { ...training, steps: 1e300 })).rejects.toThrow(/^plain\.fit: steps: must be <= 1e9 \(more steps than a run can finish.*\), got 1e\+300$/);
    await expect(m.fit(data, { ...training, epochs: Number.NaN })).rejects.toThrow(/^plain\.fit: epochs: must be a number, got NaN$/);
    await expect(m.fit(data, { ...training, steps: Number.POSITIVE_INFINITY })).rejects.toThrow(/^plain\.fit: steps: must be a finite number, got Infinity$/);
    await expect(m.fit(data, { ...training, logEvery: 0, steps: 1 })).rejects.toThrow(/^plain\.fit: logEvery: must be >= 1, got 0$/);
    // Epochs within their bound can still add up to too many steps: a set of 2^31 examples
    // at batch 8 has 2^28 steps per epoch. Refused before any array of that size is made.
    const big = { ...data, size: 2 ** 31 };
    await expect(m.fit(big, { ...training, epochs: 1e6 })).rejects.toThrow(/^plain\.fit: epochs: 1000000 epochs of 268435456 steps are 268435456000000 steps; must be <= 1e9/);
    m.dispose();
  });

  it('refuses an empty training or test set, naming it', async () => {
    const m = model();
    const empty = subsetDataset(data, [], 'bars/empty');
    await expect(m.fit(empty, { ...training, steps: 1 })).rejects.toThrow("plain.fit: train: dataset 'bars/empty' has no examples (size 0); there is nothing to train on");
    await expect(m.fit(data, { ...training, steps: 1, test: empty })).rejects.toThrow("plain.fit: test: dataset 'bars/empty' has no examples (size 0); there is nothing to evaluate");
    m.dispose();
  });

  it('refuses images of another shape than the model, naming the dataset and both shapes', async () => {
    const m = model();
    const larger = barsDataset(8, { side: 8, name: 'bars8' });
    await expect(m.fit(larger, { ...training, steps: 1 })).rejects.toThrow("plain.fit: train: dataset 'bars8' holds 8x8x1 images but the model's inputShape is 4x4x1 (16 values per image)");
    await expect(m.fit(data, { ...training, steps: 1, test: larger })).rejects.toThrow(/^plain\.fit: test: dataset 'bars8' holds 8x8x1 images/);
    m.dispose();
  });

  it('still trains with good input', async () => {
    const m = model();
    const result = await m.fit(data, { ...training, steps: 2, test: data });
    expect(result.status).toBe('completed');
    expect(result.steps).toBe(2);
    m.dispose();
  });
});
