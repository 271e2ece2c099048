import { binarize } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { loadMnistEmbedded, mnistEmbeddedSplitIndices, readEmbeddedMnist } from './embedded.ts';

describe('embedded MNIST', () => {
  const { train, test } = loadMnistEmbedded();

  it('splits 10,000 digits into 8,000 train and 2,000 test, disjoint and covering all', () => {
    expect(train.size).toBe(8000);
    expect(test.size).toBe(2000);
    expect(train.shape).toEqual([28, 28, 1]);
    const { train: a, test: b } = mnistEmbeddedSplitIndices();
    const all = new Set([...a, ...b]);
    expect(all.size).toBe(10_000);
    expect(Math.min(...all)).toBe(0);
    expect(Math.max(...all)).toBe(9999);
  });

  it('has no image in both train and test (compared by content)', () => {
    const key = (pixels: Float32Array, i: number): string =>
      Buffer.from(pixels.buffer, pixels.byteOffset + i * 784 * 4, 784 * 4).toString('base64');
    const all = (set: typeof train): Set<string> => {
      const px = set.images(Int32Array.from({ length: set.size }, (_, i) => i));
      return new Set(Array.from({ length: set.size }, (_, i) => key(px, i)));
    };
    const testKeys = all(test);
    const trainKeys = all(train);
    const shared = [...testKeys].filter((k) => trainKeys.has(k)).length;
    expect(shared).toBe(0);
  });

  it('holds pixels in [0, 1] with real ink: mostly black background, bright strokes', () => {
    const px = train.images([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    let min = Infinity, max = -Infinity, dark = 0;
    for (const v of px) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (v === 0) dark++;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    // MNIST digits cover roughly a fifth of the 28x28 frame.
    expect(dark / px.length).toBeGreaterThan(0.7);
    expect(dark / px.length).toBeLessThan(0.9);
  });

  it('has labels 0..9 with every class represented in proportion in both splits', () => {
    const { labels: all } = readEmbeddedMnist();
    const total = new Array<number>(10).fill(0);
    for (const l of all) total[l]++;
    const counts = (set: typeof train): number[] => {
      const c = new Array<number>(10).fill(0);
      const labels = set.labels(Int32Array.from({ length: set.size }, (_, i) => i));
      expect(Math.min(...labels)).toBe(0);
      expect(Math.max(...labels)).toBe(9);
      for (const l of labels) c[l]++;
      return c;
    };
    const tr = counts(train), te = counts(test);
    for (let d = 0; d < 10; d++) {
      expect(tr[d] + te[d]).toBe(total[d]);
      // A random 80/20 split keeps each class within a few standard deviations of 80 %.
      expect(tr[d] / total[d]).toBeGreaterThan(0.75);
      expect(tr[d] / total[d]).toBeLessThan(0.85);
      expect(total[d]).toBeGreaterThan(800);
    }
  });

  it('applies static binarization at load time exactly as core binarize does', () => {
    const bin = loadMnistEmbedded({ binarization: 'static' }).train;
    const idx = [3, 141, 5926];
    const expected = binarize(train.images(idx), 'static');
    expect(Array.from(bin.images(idx))).toEqual(Array.from(expected));
  });

  it('rejects an out-of-range index with the dataset name', () => {
    expect(() => train.images([8000])).toThrow(/mnist-embedded\/train: index 8000 outside 0..7999/);
  });
});
