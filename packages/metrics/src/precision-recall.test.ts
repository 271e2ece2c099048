import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { kthNeighbourRadii, precisionRecall } from './precision-recall.ts';

function gaussianSet(n: number, d: number, seed: number, shift = 0, scale = 1): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => shift + scale * rng.normal()));
}

describe('precisionRecall', () => {
  it('k-th neighbour radii exclude the point itself', () => {
    const r = kthNeighbourRadii([[0], [1], [3], [6]], 2);
    expect(Array.from(r)).toEqual([9, 4, 9, 25]); // squared distances to the 2nd other point
  });

  it('is ~1/~1 for two samples of the same distribution and ~0 for disjoint ones', () => {
    const real = gaussianSet(400, 4, 1);
    const same = precisionRecall(real, gaussianSet(400, 4, 2));
    expect(same.precision).toBeGreaterThan(0.8);
    expect(same.recall).toBeGreaterThan(0.8);
    const far = precisionRecall(real, gaussianSet(400, 4, 3, 50));
    expect(far.precision).toBe(0);
    expect(far.recall).toBe(0);
  });

  it('mode collapse keeps precision but loses recall', () => {
    const real = gaussianSet(400, 2, 4);
    const collapsed = gaussianSet(400, 2, 5, 0, 0.1);
    const r = precisionRecall(real, collapsed);
    expect(r.precision).toBeGreaterThan(0.9);
    expect(r.recall).toBeLessThan(0.3);
  });
});
