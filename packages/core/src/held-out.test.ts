import { describe, expect, it } from 'vitest';
import { HELD_OUT_CAP, heldOutIndices, heldOutSample } from './held-out.ts';
import { barsDataset } from '@vaelab/testing';

describe('heldOutIndices', () => {
  it('is seeded: the same seed gives the same indices, another seed others', () => {
    const a = heldOutIndices(737_280, { maxExamples: 500, seed: 3 });
    expect(Array.from(heldOutIndices(737_280, { maxExamples: 500, seed: 3 }))).toEqual(Array.from(a));
    const b = heldOutIndices(737_280, { maxExamples: 500, seed: 4 });
    expect(Array.from(b)).not.toEqual(Array.from(a));
  });

  it('covers a split no larger than the cap exactly once, in a shuffled order', () => {
    const ids = heldOutIndices(1000, { maxExamples: 5000, seed: 1 });
    expect(ids.length).toBe(1000);
    expect(Array.from(ids).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(ids.subarray(0, 10))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('draws distinct in-range indices, capped at 10,000 by default', () => {
    const ids = heldOutIndices(737_280);
    expect(ids.length).toBe(HELD_OUT_CAP);
    expect(new Set(ids).size).toBe(HELD_OUT_CAP);
    expect(Math.min(...ids)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ids)).toBeLessThan(737_280);
  });

  it('gives nested samples for one seed: a smaller budget reads a prefix of a larger one', () => {
    const large = heldOutIndices(50_000, { maxExamples: 2000, seed: 7 });
    expect(Array.from(heldOutIndices(50_000, { maxExamples: 500, seed: 7 }))).toEqual(Array.from(large.subarray(0, 500)));
  });

  it('is uniform: over many seeds every index is drawn about equally often', () => {
    // 4,000 draws of 5 out of 20: each index expects 1,000 hits (binomial sd about 27).
    const counts = new Array(20).fill(0);
    for (let seed = 0; seed < 4000; seed++) for (const i of heldOutIndices(20, { maxExamples: 5, seed })) counts[i]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });

  it('rejects a cap below one', () => {
    expect(() => heldOutIndices(10, { maxExamples: 0 })).toThrow(/maxExamples must be at least 1/);
  });
});

describe('heldOutSample', () => {
  it('is a view of the drawn examples, labels included', () => {
    const data = barsDataset(40);
    const view = heldOutSample(data, { maxExamples: 8, seed: 2 });
    const ids = heldOutIndices(40, { maxExamples: 8, seed: 2 });
    expect(view.size).toBe(8);
    expect(view.images([3])).toEqual(data.images([ids[3]]));
    expect(Array.from(view.labels!([0, 5]))).toEqual(Array.from(data.labels!([ids[0], ids[5]])));
  });
});
