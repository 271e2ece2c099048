import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { BetaTCVAE } from './beta-tcvae.ts';
import { betaTcvaeDescriptor } from './descriptor.ts';
import { totalCorrelation } from './total-correlation.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

const sprites = loadDataset('dsprites', { size: 32 });
const small = { inputShape: [32, 32, 1] as [number, number, number], latentDim: 4, architecture: { kind: 'mlp' as const, hidden: [32] }, seed: 3 };
/** How the small models are trained (the training config of `fit`). */
const training = { batchSize: 32 };

function images(n: number): tf.Tensor2D {
  const indices = Int32Array.from({ length: n }, (_, i) => i * 97);
  return tf.tensor2d(sprites.train.images(indices), [n, 1024]);
}

describe('BetaTCVAE', () => {
  it('adds exactly (beta - 1) * TC to the plain negative ELBO, and reports the true ELBO', () => {
    const model = new BetaTCVAE({ ...small, beta: 5 });
    const x = images(48);
    tf.tidy(() => {
      // Both passes draw the same z from the same seed.
      const [posterior] = model.posterior(x, { noise: createRng(9) }).layers;
      const terms = model.lossTerms(x, 0, undefined, createRng(9));
      const tc = totalCorrelation({ z: posterior.z, mu: posterior.mu, logvar: posterior.logvar }).dataSync()[0];
      const loss = terms.loss.dataSync()[0];
      const negElbo = -terms.elbo.dataSync()[0];
      expect(loss - negElbo).toBeCloseTo(4 * tc, 2);
    });
    const plain = new BetaTCVAE({ ...small, beta: 1 });
    tf.tidy(() => {
      const t = plain.lossTerms(x, 0, undefined, createRng(9));
      expect(t.loss.dataSync()[0]).toBeCloseTo(-t.elbo.dataSync()[0], 4);
    });
    model.dispose();
    plain.dispose();
    x.dispose();
  });

  it('trains from its descriptor, and its checkpoint loads back with the same weights', async () => {
    const model = betaTcvaeDescriptor.create({ ...small, beta: 6 });
    const losses: number[] = [];
    const result = await model.fit(sprites.train, { ...training, steps: 60, logEvery: 10, onStep: (s) => losses.push(s.terms.loss) });
    expect(result.status).toBe('completed');
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    const copy = betaTcvaeDescriptor.load(model.toBytes());
    expect(copy.variantName).toBe('beta-tcvae');
    expect(copy.config).toEqual(model.config);
    expect(betaTcvaeDescriptor.flags.map((f) => f.name)).toEqual(['beta']);
    model.dispose();
    copy.dispose();
  });

  it('rejects a negative beta by name', () => {
    expect(() => new BetaTCVAE({ beta: -1 })).toThrow(/^beta-TCVAE config: beta: must be >= 0, got -1$/);
  });
});
