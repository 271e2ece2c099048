import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, selectBackend } from '@vaelab/core';
import { totalCorrelation } from './total-correlation.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

/**
 * M posteriors N(mu_k, s^2 I) in 2-D with means drawn from N(0, [[1, rho], [rho, 1]]), and one
 * code drawn from each. The aggregate posterior is then close to N(0, [[1 + s^2, rho],
 * [rho, 1 + s^2]]), whose total correlation has the closed form
 * 0.5 * (2 log(1 + s^2) - log((1 + s^2)^2 - rho^2)).
 */
function batch(rows: number, rho: number, s: number, seed: number): { z: tf.Tensor2D; mu: tf.Tensor2D; logvar: tf.Tensor2D } {
  const rng = createRng(seed);
  const mu = new Float32Array(rows * 2);
  const z = new Float32Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    const a = rng.normal();
    const b = rho * a + Math.sqrt(1 - rho * rho) * rng.normal();
    mu[2 * i] = a;
    mu[2 * i + 1] = b;
    z[2 * i] = a + s * rng.normal();
    z[2 * i + 1] = b + s * rng.normal();
  }
  return { z: tf.tensor2d(z, [rows, 2]), mu: tf.tensor2d(mu, [rows, 2]), logvar: tf.fill([rows, 2], 2 * Math.log(s)) as tf.Tensor2D };
}

const closedForm = (rho: number, s: number): number => 0.5 * (2 * Math.log(1 + s * s) - Math.log((1 + s * s) ** 2 - rho * rho));

describe('totalCorrelation (minibatch-weighted sampling)', () => {
  it('is exactly 0 when every posterior is the prior: the batch mixture is then N(0, I)', () => {
    const rows = 500;
    const z = tf.tensor2d(createRng(3).fillNormal(new Float32Array(rows * 10)), [rows, 10]);
    // disentanglement_lib's test of the same case expects -(10 - 1) log(M) without the constant.
    const tc = totalCorrelation({ z, mu: tf.zerosLike(z), logvar: tf.zerosLike(z) }).dataSync()[0];
    expect(Math.abs(tc)).toBeLessThan(1e-3);
  });

  it('is near 0 for a factorised aggregate posterior', () => {
    const tc = totalCorrelation(batch(2000, 0, 0.5, 1)).dataSync()[0];
    expect(closedForm(0, 0.5)).toBe(0);
    expect(Math.abs(tc)).toBeLessThan(0.03);
  });

  it('is positive and near the closed form for a correlated one', () => {
    for (const rho of [0.6, 0.9]) {
      const tc = totalCorrelation(batch(2000, rho, 0.5, 2)).dataSync()[0];
      expect(tc).toBeGreaterThan(0.1);
      expect(tc).toBeCloseTo(closedForm(rho, 0.5), 1);
    }
  });

  it('grows with the correlation', () => {
    const values = [0, 0.5, 0.9].map((rho) => totalCorrelation(batch(1000, rho, 0.5, 4)).dataSync()[0]);
    expect(values[1]).toBeGreaterThan(values[0]);
    expect(values[2]).toBeGreaterThan(values[1]);
  });
});
