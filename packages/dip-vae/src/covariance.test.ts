import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, selectBackend } from '@vaelab/core';
import { aggregatePosteriorCovariance, dipPenalty, encoderMeanCovariance } from './covariance.ts';
import { diagonalWeight } from './config.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('DIP-VAE covariances and penalty', () => {
  it('the penalty is 0 at the identity and counts every entry away from it', () => {
    expect(dipPenalty(tf.eye(4) as tf.Tensor2D, 3, 7).dataSync()[0]).toBe(0);
    // disentanglement_lib's own cases with both weights 1: ones(10x10) -> 90, zeros -> 10, 2I -> 10.
    expect(dipPenalty(tf.ones([10, 10]) as tf.Tensor2D, 1, 1).dataSync()[0]).toBeCloseTo(90, 4);
    expect(dipPenalty(tf.zeros([10, 10]) as tf.Tensor2D, 1, 1).dataSync()[0]).toBeCloseTo(10, 4);
    expect(dipPenalty(tf.mul(tf.eye(10), 2) as tf.Tensor2D, 1, 1).dataSync()[0]).toBeCloseTo(10, 4);
  });

  it('type i on two codes: Cov[mu] by hand, then the penalty by hand', () => {
    // mu rows (1, 0) and (3, 2): mean (2, 1); E[mu mu^T] = [[5, 3], [3, 2]]; Cov = [[1, 1], [1, 1]].
    const cov = encoderMeanCovariance(tf.tensor2d([[1, 0], [3, 2]]));
    expect(values(cov)).toEqual([1, 1, 1, 1]);
    // off-diagonal 2 * 1^2 = 2, weighted 1; diagonal (1 - 1)^2 * 2 = 0, weighted 10.
    expect(dipPenalty(cov, 1, diagonalWeight({ type: 'i', lambdaOd: 1, lambdaD: null })).dataSync()[0]).toBeCloseTo(2, 6);
  });

  it('type ii adds the mean posterior variance to the diagonal', () => {
    const logvar = tf.fill([2, 2], Math.log(0.5)) as tf.Tensor2D;
    const cov = aggregatePosteriorCovariance(tf.tensor2d([[1, 0], [3, 2]]), logvar);
    values(cov).forEach((v, i) => expect(v).toBeCloseTo([1.5, 1, 1, 1.5][i], 6));
    // lambda_od = lambda_d = 2: 2 * (2 * 1^2) + 2 * (2 * 0.5^2) = 4 + 1.
    expect(diagonalWeight({ type: 'ii', lambdaOd: 2, lambdaD: null })).toBe(2);
    expect(dipPenalty(cov, 2, 2).dataSync()[0]).toBeCloseTo(5, 5);
  });

  it('Cov[mu] of many draws from a known Gaussian recovers it', () => {
    const rng = createRng(5);
    const rows = 20_000;
    const mu = new Float32Array(rows * 2);
    for (let i = 0; i < rows; i++) {
      const a = rng.normal();
      mu[2 * i] = 2 * a;
      mu[2 * i + 1] = a + rng.normal();
    }
    // [[4, 2], [2, 2]] for (2a, a + e).
    // Standard error of each entry is below 0.05 at this size.
    values(encoderMeanCovariance(tf.tensor2d(mu, [rows, 2]))).forEach((v, i) => expect(Math.abs(v - [4, 2, 2, 2][i])).toBeLessThan(0.15));
  });
});
