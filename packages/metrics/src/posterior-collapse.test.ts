import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { activeUnits, klPerDimension, mutualInformation } from './posterior-collapse.ts';

describe('klPerDimension', () => {
  it('matches the closed form per dimension', () => {
    const mu = [[0, 1, -2], [0, 3, 0]];
    const logvar = [[0, 0, Math.log(2)], [0, -1, 0]];
    const kl = klPerDimension(mu, logvar);
    const f = (m: number, lv: number) => 0.5 * (m * m + Math.exp(lv) - 1 - lv);
    expect(kl[0]).toBe(0);
    expect(kl[1]).toBeCloseTo((f(1, 0) + f(3, -1)) / 2, 14);
    expect(kl[2]).toBeCloseTo((f(-2, Math.log(2)) + f(0, 0)) / 2, 14);
  });
});

describe('activeUnits', () => {
  it('counts exactly the dims whose posterior-mean variance exceeds the threshold', () => {
    const rng = createRng(1);
    const scales = [0, 0.05, 0.2, 1, 0.09, 3]; // std; variance 0.0025 and 0.0081 are inactive
    const means = Array.from({ length: 4000 }, () => scales.map((s) => s * rng.normal()));
    const r = activeUnits(means);
    expect(r.active).toEqual([false, false, true, true, false, true]);
    expect(r.count).toBe(3);
    expect(activeUnits(means, { threshold: 0.001 }).count).toBe(5);
  });

  it('uses the n - 1 variance', () => {
    expect(activeUnits([[0], [1]]).variances[0]).toBe(0.5);
  });
});

describe('mutualInformation', () => {
  const d = 3;
  const sample = (mu: number[][], logvar: number[][], seed: number) => {
    const rng = createRng(seed);
    return mu.map((m, i) => m.map((v, j) => v + Math.exp(0.5 * logvar[i][j]) * rng.normal()));
  };

  it('is ~0 when the posterior ignores x', () => {
    const n = 500;
    const mu = Array.from({ length: n }, () => [0.3, -1, 2]);
    const logvar = Array.from({ length: n }, () => [0, -0.5, 0.2]);
    const mi = mutualInformation(mu, logvar, sample(mu, logvar, 2));
    expect(Math.abs(mi)).toBeLessThan(0.05);
  });

  it('is positive and bounded by log N when the posterior depends on x', () => {
    const rng = createRng(3);
    const n = 400;
    const mu = Array.from({ length: n }, () => Array.from({ length: d }, () => 3 * rng.normal()));
    const logvar = Array.from({ length: n }, () => Array.from({ length: d }, () => -2));
    const mi = mutualInformation(mu, logvar, sample(mu, logvar, 4));
    expect(mi).toBeGreaterThan(1);
    expect(mi).toBeLessThanOrEqual(Math.log(n) + 0.05);
    // Nearly deterministic, well separated codes: the estimate approaches log N.
    const sharp = logvar.map((r) => r.map(() => -12));
    expect(mutualInformation(mu, sharp, sample(mu, sharp, 5))).toBeCloseTo(Math.log(n), 1);
  });

  it('averages per-batch estimates weighted by batch size, as He et al. do over test batches', () => {
    const rng = createRng(6);
    const mu = Array.from({ length: 30 }, () => [rng.normal()]);
    const logvar = mu.map(() => [-1]);
    const z = sample(mu, logvar, 7);
    const whole = (a: number, b: number) => mutualInformation(mu.slice(a, b), logvar.slice(a, b), z.slice(a, b));
    const expected = (whole(0, 20) * 20 + whole(20, 30) * 10) / 30;
    expect(mutualInformation(mu, logvar, z, { batchSize: 20 })).toBeCloseTo(expected, 12);
  });
});
