import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { DIPVAE } from './dip-vae.ts';
import { dipVaeDescriptor } from './descriptor.ts';
import { dipPenalty, encoderMeanCovariance } from './covariance.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

const sprites = loadDataset('dsprites', { size: 32 });
const small = { inputShape: [32, 32, 1] as [number, number, number], latentDim: 4, architecture: { kind: 'mlp' as const, hidden: [32] }, seed: 5 };
/** How the small models are trained (the training config of `fit`). */
const training = { batchSize: 32 };

describe('DIPVAE', () => {
  it('adds exactly the covariance penalty to the plain negative ELBO', () => {
    const model = new DIPVAE({ ...small, type: 'i', lambdaOd: 3 });
    const x = tf.tensor2d(sprites.train.images(Int32Array.from({ length: 40 }, (_, i) => i * 131)), [40, 1024]);
    tf.tidy(() => {
      const [posterior] = model.posterior(x, { noise: createRng(2) }).layers;
      const terms = model.lossTerms(x, 0, undefined, createRng(2));
      const penalty = dipPenalty(encoderMeanCovariance(posterior.mu), 3, 30).dataSync()[0];
      expect(terms.loss.dataSync()[0] + terms.elbo.dataSync()[0]).toBeCloseTo(penalty, 2);
    });
    model.dispose();
    x.dispose();
  });

  it('both types train from the descriptor and load back from their checkpoints', async () => {
    for (const type of ['i', 'ii'] as const) {
      const model = dipVaeDescriptor.create({ ...small, type, lambdaOd: 5 });
      const losses: number[] = [];
      const result = await model.fit(sprites.train, { ...training, steps: 60, logEvery: 10, onStep: (s) => losses.push(s.terms.loss) });
      expect(result.status).toBe('completed');
      expect(losses.at(-1)!).toBeLessThan(losses[0]);
      const copy = dipVaeDescriptor.load(model.toBytes());
      expect(copy.config).toEqual(model.config);
      model.dispose();
      copy.dispose();
    }
    expect(dipVaeDescriptor.flags.map((f) => [f.name, f.kind])).toEqual([['type', 'choice'], ['lambda-od', 'number'], ['lambda-d', 'number']]);
  });

  it('rejects an unknown type by name', () => {
    expect(() => new DIPVAE({ type: 'iii' as never })).toThrow(/^DIP-VAE config: type: must be one of i, ii, got "iii"$/);
  });
});
