import { describe, expect, it } from 'vitest';
import { pearson, ranks, spearman } from './rank-correlation.ts';

describe('Spearman rank correlation', () => {
  it('ranks ties by the average of their positions', () => {
    expect(ranks([10, 30, 20, 30, 5])).toEqual([2, 4.5, 3, 4.5, 1]);
  });

  it('matches 1 - 6 Σd² / (n (n² - 1)) without ties', () => {
    // ranks x: 1..5; y = [2, 1, 4, 3, 5] -> d = [-1, 1, -1, 1, 0], Σd² = 4, ρ = 1 - 24 / 120 = 0.8
    expect(spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50]).rho).toBeCloseTo(0.8, 12);
  });

  it('matches a hand computation with ties', () => {
    // ranks y = [1, 2, 3.5, 5, 3.5]; centred: dx = [-2, -1, 0, 1, 2], dy = [-2, -1, 0.5, 2, 0.5];
    // Σ dx dy = 8, Σ dx² = 10, Σ dy² = 9.5, ρ = 8 / √95.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).rho).toBeCloseTo(8 / Math.sqrt(95), 12);
  });

  it('is invariant to monotone transforms, flips sign when one side is reversed, and uses complete pairs only', () => {
    const x = [0.1, 0.5, 0.2, 0.9, 0.4];
    expect(spearman(x, x.map((v) => Math.exp(5 * v))).rho).toBeCloseTo(1, 12);
    expect(spearman(x, x.map((v) => -v)).rho).toBeCloseTo(-1, 12);
    expect(spearman([1, 2, NaN, 4, 5], [1, 3, 2, NaN, 4])).toEqual({ rho: 1, n: 3 });
    expect(Number.isNaN(spearman([1, 2], [2, 1]).rho)).toBe(true);
    expect(Number.isNaN(pearson([1, 1, 1], [1, 2, 3]))).toBe(true);
  });
});
