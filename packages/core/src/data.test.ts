import { describe, expect, it } from 'vitest';
import { binarize, sampleIndices, subsetDataset } from './data.ts';
import { createRng } from './rng.ts';
import { barsDataset } from '@vaelab/testing';

describe('dataset helpers', () => {
  it('subsetDataset reads the chosen examples in order, labels included', () => {
    const data = barsDataset(20);
    const view = subsetDataset(data, [5, 2, 17]);
    expect(view.size).toBe(3);
    expect(view.images([1])).toEqual(data.images([2]));
    expect(Array.from(view.labels!([0, 1, 2]))).toEqual(Array.from(data.labels!([5, 2, 17])));
    expect(() => subsetDataset(data, [20])).toThrow(/outside bars/);
  });
  it('sampleIndices draws distinct indices in range', () => {
    const ids = sampleIndices(1000, 100, createRng(1));
    expect(new Set(ids).size).toBe(100);
    expect(Math.max(...ids)).toBeLessThan(1000);
    expect(sampleIndices(5, 10, createRng(1)).length).toBe(5);
  });
  it('static binarization thresholds at 0.5; dynamic draws Bernoulli(p)', () => {
    expect(Array.from(binarize(new Float32Array([0.2, 0.5, 0.9]), 'static'))).toEqual([0, 1, 1]);
    const p = new Float32Array(20000).fill(0.3);
    const mean = binarize(p, 'dynamic', createRng(2)).reduce((a, b) => a + b) / p.length;
    expect(mean).toBeGreaterThan(0.28);
    expect(mean).toBeLessThan(0.32);
  });
});
