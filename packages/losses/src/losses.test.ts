import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bernoulliLogLikelihood, gaussianLogLikelihood } from './likelihood.ts';
import { gaussianKl, gaussianKlStandard, gaussianLogDensity } from './kl.ts';
import { clampLogvar, reparameterize } from './reparameterize.ts';
import { elbo, freeBitsKl } from './elbo.ts';
import { iwaeBound, logMeanExp } from './iwae.ts';
import { useCpuBackend } from '@vaelab/testing';

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

beforeAll(useCpuBackend);

describe('reparameterize', () => {
  it('computes mu + exp(logvar / 2) * eps', () => {
    const z = reparameterize(tf.tensor2d([[1, -2]]), tf.tensor2d([[Math.log(4), 0]]), tf.tensor2d([[0.5, -1]]));
    expect(values(z)[0]).toBeCloseTo(1 + 2 * 0.5, 6);
    expect(values(z)[1]).toBeCloseTo(-2 - 1, 6);
  });
  it('clamps extreme log-variances to the configured range', () => {
    const z = reparameterize(tf.tensor1d([0, 0]), tf.tensor1d([1e4, -1e4]), tf.tensor1d([1, 1]));
    expect(values(z)[0]).toBeCloseTo(Math.exp(5), 2);
    expect(values(z)[1]).toBeCloseTo(Math.exp(-5), 6);
    expect(values(clampLogvar(tf.tensor1d([-3, 3]), [-1, 2]))).toEqual([-1, 2]);
  });
});

describe('Gaussian KL', () => {
  it('matches the closed form per dimension and is zero at the prior', () => {
    const kl = values(gaussianKlStandard(tf.tensor2d([[0, 1, -2]]), tf.tensor2d([[0, 0, Math.log(0.25)]])));
    expect(kl[0]).toBeCloseTo(0, 7);
    expect(kl[1]).toBeCloseTo(0.5, 6);
    expect(kl[2]).toBeCloseTo(0.5 * (4 + 0.25 - 1 - Math.log(0.25)), 5);
  });
  it('stays finite at extreme log-variances', () => {
    const kl = values(gaussianKlStandard(tf.tensor1d([0, 0]), tf.tensor1d([-10, 10])));
    expect(kl[0]).toBeCloseTo(0.5 * (Math.exp(-10) - 1 + 10), 4);
    expect(kl[1]).toBeCloseTo(0.5 * (Math.exp(10) - 1 - 10), 0);
  });
  it('two-Gaussian KL reduces to the standard one against N(0, 1) and matches a Monte Carlo estimate', () => {
    const mu = tf.tensor1d([0.3, -1.2]);
    const lv = tf.tensor1d([0.4, -0.7]);
    const viaGeneral = values(gaussianKl(mu, lv, tf.zeros([2]), tf.zeros([2])));
    const viaStandard = values(gaussianKlStandard(mu, lv));
    viaGeneral.forEach((v, i) => expect(v).toBeCloseTo(viaStandard[i], 6));
    // KL(N(1, 2) || N(-1, 0.5)) = 0.5 * (log(0.5/2) + (2 + 4)/0.5 - 1) = 0.5 * (-1.3863 + 11)
    const kl = values(gaussianKl(tf.scalar(1), tf.scalar(Math.log(2)), tf.scalar(-1), tf.scalar(Math.log(0.5))))[0];
    expect(kl).toBeCloseTo(0.5 * (Math.log(0.25) + 12 - 1), 5);
  });
  it('log-density matches the normal pdf', () => {
    const d = values(gaussianLogDensity(tf.tensor2d([[1, 2]]), tf.tensor2d([[0, 2]]), tf.tensor2d([[0, Math.log(4)]])))[0];
    const expected = -0.5 * (1 + Math.log(2 * Math.PI)) + -0.5 * (Math.log(4) + Math.log(2 * Math.PI));
    expect(d).toBeCloseTo(expected, 5);
  });
});

describe('likelihoods', () => {
  it('Bernoulli log-likelihood equals x log s(l) + (1 - x) log(1 - s(l))', () => {
    const logits = [-2, 0.5, 3];
    const x = [0, 1, 0.25];
    const expected = logits.reduce((sum, l, i) => {
      const p = 1 / (1 + Math.exp(-l));
      return sum + x[i] * Math.log(p) + (1 - x[i]) * Math.log(1 - p);
    }, 0);
    expect(values(bernoulliLogLikelihood(tf.tensor2d([logits]), tf.tensor2d([x])))[0]).toBeCloseTo(expected, 5);
  });
  it('Bernoulli log-likelihood is finite and exact at |logit| = 100', () => {
    const ll = values(bernoulliLogLikelihood(tf.tensor2d([[100], [-100], [100], [-100]]), tf.tensor2d([[1], [0], [0], [1]])));
    expect(ll[0]).toBeCloseTo(0, 6);
    expect(ll[1]).toBeCloseTo(0, 6);
    expect(ll[2]).toBeCloseTo(-100, 4);
    expect(ll[3]).toBeCloseTo(-100, 4);
  });
  it('Bernoulli log-likelihood gradients match central finite differences, weighted per row', () => {
    const logits = [[-2, 0.5, 3], [1.5, -0.25, 0]];
    const x = [[0, 1, 0.25], [1, 0, 0.5]];
    const rowWeights = [0.7, -1.3];
    const objective = (l: number[][], t: number[][]): number => {
      const ll = values(bernoulliLogLikelihood(tf.tensor2d(l), tf.tensor2d(t)));
      return ll[0] * rowWeights[0] + ll[1] * rowWeights[1];
    };
    const [gl, gx] = tf.grads((l: tf.Tensor, t: tf.Tensor) => tf.sum(tf.mul(bernoulliLogLikelihood(l, t), tf.tensor1d(rowWeights))))([tf.tensor2d(logits), tf.tensor2d(x)]);
    const h = 1e-2;
    const shift = (m: number[][], i: number, j: number, d: number): number[][] => m.map((row, r) => row.map((v, c) => (r === i && c === j ? v + d : v)));
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) {
      const dl = (objective(shift(logits, i, j, h), x) - objective(shift(logits, i, j, -h), x)) / (2 * h);
      const dx = (objective(logits, shift(x, i, j, h)) - objective(logits, shift(x, i, j, -h))) / (2 * h);
      expect(values(gl)[i * 3 + j]).toBeCloseTo(dl, 3);
      expect(values(gx)[i * 3 + j]).toBeCloseTo(dx, 3);
    }
  });
  it('Gaussian log-likelihood with fixed and learned variance', () => {
    const fixed = values(gaussianLogLikelihood(tf.tensor2d([[0, 0]]), tf.tensor2d([[1, -1]]), 0))[0];
    expect(fixed).toBeCloseTo(-(1 + Math.log(2 * Math.PI)), 5);
    const learned = values(gaussianLogLikelihood(tf.tensor2d([[0]]), tf.tensor2d([[2]]), tf.tensor2d([[Math.log(4)]])))[0];
    expect(learned).toBeCloseTo(-0.5 * (Math.log(2 * Math.PI) + Math.log(4) + 1), 5);
  });
});

describe('ELBO and free bits', () => {
  it('ELBO subtracts the summed KL from the log-likelihood', () => {
    expect(values(elbo(tf.tensor1d([-10, -20]), tf.tensor2d([[1, 2], [0.5, 0.5]])))).toEqual([-13, -21]);
  });
  it('free bits floors the batch-mean KL of each dimension at lambda', () => {
    const kl = tf.tensor2d([[0.1, 2], [0.3, 4]]); // batch means 0.2 and 3
    expect(values(freeBitsKl(kl, 0))[0]).toBeCloseTo(3.2, 6);
    expect(values(freeBitsKl(kl, 0.5))[0]).toBeCloseTo(3.5, 6);
    expect(values(freeBitsKl(kl, 5))[0]).toBeCloseTo(10, 6);
    expect(() => freeBitsKl(kl, -1)).toThrow(/lambda/);
  });
  it('free bits passes no gradient to a dimension below the floor', () => {
    const grads = tf.grad((k: tf.Tensor) => freeBitsKl(k, 0.5))(tf.tensor2d([[0.1, 2], [0.3, 4]]));
    expect(values(grads)).toEqual([0, 0.5, 0, 0.5]);
  });
});

describe('IWAE bound', () => {
  it('with k = 1 equals the single log-weight (the ELBO estimate)', () => {
    expect(values(iwaeBound(tf.tensor2d([[-3.5, -7]])))).toEqual([-3.5, -7]);
  });
  it('is log-mean-exp over k, stable for large magnitudes', () => {
    const lw = [-1000, -1001, -1002];
    const expected = -1000 + Math.log((1 + Math.exp(-1) + Math.exp(-2)) / 3);
    expect(values(iwaeBound(tf.tensor2d(lw.map((v) => [v]))))[0]).toBeCloseTo(expected, 3);
    expect(logMeanExp(lw)).toBeCloseTo(expected, 10);
  });
  it('lies between the mean and the max of the log-weights (Jensen)', () => {
    const lw = [-5, -2, -9, -3];
    const bound = logMeanExp(lw);
    expect(bound).toBeGreaterThanOrEqual(lw.reduce((a, b) => a + b) / lw.length);
    expect(bound).toBeLessThanOrEqual(Math.max(...lw));
  });
});
