import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { frechetDistance, frechetDistanceFromStats, meanAndCovariance } from './frechet.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

function gaussianSet(n: number, d: number, seed: number, scale = (_j: number) => 1): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => scale(j) * rng.normal()));
}

describe('symmetricEigen', () => {
  it('reconstructs a symmetric matrix from its eigenpairs', () => {
    const d = 6;
    const x = gaussianSet(20, d, 1);
    const { cov } = meanAndCovariance(x);
    const { values, vectors } = symmetricEigen(cov, d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += vectors[i * d + k] * values[k] * vectors[j * d + k];
      expect(s).toBeCloseTo(cov[i * d + j], 12);
    }
    for (let k = 1; k < d; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
  });
});

describe('frechetDistance', () => {
  it('is 0 between a set and itself', () => {
    const x = gaussianSet(200, 8, 2);
    expect(Math.abs(frechetDistance(x, x))).toBeLessThan(1e-6);
  });

  it('a mean shift d of the same set gives |d|^2; of another set only the mean term moves', () => {
    const x = gaussianSet(300, 5, 3);
    const shift = [1, -2, 0.5, 0, 3];
    const move = (set: number[][]) => set.map((r) => r.map((v, j) => v + shift[j]));
    expect(frechetDistance(x, move(x))).toBeCloseTo(1 + 4 + 0.25 + 9, 6);
    const y = gaussianSet(300, 5, 4, (j) => 1 + j);
    const mx = meanAndCovariance(x).mean;
    const my = meanAndCovariance(y).mean;
    let before = 0;
    let after = 0;
    for (let j = 0; j < 5; j++) {
      before += (mx[j] - my[j]) ** 2;
      after += (mx[j] - my[j] - shift[j]) ** 2;
    }
    expect(frechetDistance(x, move(y)) - frechetDistance(x, y)).toBeCloseTo(after - before, 8);
  });

  it('matches sum (sqrt s1 - sqrt s2)^2 + |mu1 - mu2|^2 for diagonal covariances', () => {
    const s1 = [1, 4, 0.25, 9];
    const s2 = [2, 1, 0.25, 0];
    const diag = (s: number[]) => {
      const m = new Float64Array(16);
      s.forEach((v, i) => (m[i * 4 + i] = v));
      return m;
    };
    const mu1 = [0, 1, 2, 3];
    const mu2 = [1, 1, 0, 3];
    const expected = s1.reduce((acc, v, i) => acc + (Math.sqrt(v) - Math.sqrt(s2[i])) ** 2, 0) + 1 + 4;
    expect(frechetDistanceFromStats(mu1, diag(s1), mu2, diag(s2))).toBeCloseTo(expected, 10);
  });

  it('agrees with the closed form for commuting (co-diagonalisable) full covariances', () => {
    // S = Q diag(s) Q^T with a shared rotation Q: trace term is sum (sqrt s1 - sqrt s2)^2.
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    const q = [c, -s, s, c];
    const make = (a: number, b: number) => {
      const m = new Float64Array(4);
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) m[i * 2 + j] = q[i * 2] * a * q[j * 2] + q[i * 2 + 1] * b * q[j * 2 + 1];
      return m;
    };
    const expected = (1 - Math.sqrt(2)) ** 2 + (3 - 0.5) ** 2;
    expect(frechetDistanceFromStats([0, 0], make(1, 9), [0, 0], make(2, 0.25))).toBeCloseTo(expected, 10);
  });
});
