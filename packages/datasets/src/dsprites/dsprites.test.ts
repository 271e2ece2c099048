import { createRng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { DSprites, everyNth } from './dsprites.ts';
import { MixedRadix } from './mixed-radix.ts';
import { renderSprite } from './render.ts';

describe('MixedRadix', () => {
  it('numbers the grid row-major, last digit fastest', () => {
    const r = new MixedRadix([3, 6, 40, 32, 32]);
    expect(r.size).toBe(737_280);
    expect(r.strides).toEqual([245_760, 40_960, 1024, 32, 1]);
    expect(r.encode([0, 0, 0, 0, 1])).toBe(1);
    expect(r.encode([2, 5, 39, 31, 31])).toBe(737_279);
    expect(Array.from(r.decode(32 * 5 + 7 + 1024 * 3, new Int32Array(5)))).toEqual([0, 0, 3, 5, 7]);
  });
});

describe('DSprites', () => {
  it('covers the full 737,280-image grid without storing it', () => {
    const full = new DSprites();
    expect(full.size).toBe(737_280);
    expect(full.shape).toEqual([64, 64, 1]);
    expect(full.factors.names).toEqual(['shape', 'scale', 'orientation', 'posX', 'posY']);
    expect(full.factors.sizes).toEqual([3, 6, 40, 32, 32]);
    // Index order of the original archive: (shape, scale, orientation, posX, posY), posY fastest.
    expect(Array.from(full.factorsOf([1, 32, 245_760 + 40_960]))).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0]);
  });

  it('has sub-grid sizes that multiply and indices that round-trip through factors', () => {
    const sub = new DSprites({ subgrid: { shape: [2, 0], scale: [5], orientation: everyNth(40, 10), posX: everyNth(32, 2) } });
    expect(sub.factorSizes).toEqual([2, 1, 4, 16, 32]);
    expect(sub.size).toBe(2 * 1 * 4 * 16 * 32);
    const all = Int32Array.from({ length: sub.size }, (_, i) => i);
    expect(Array.from(sub.indicesOf(sub.factorsOf(all)))).toEqual(Array.from(all));
    const rows = sub.sampleFactors(500, createRng(3));
    expect(Array.from(sub.factorsOf(sub.indicesOf(rows)))).toEqual(Array.from(rows));
  });

  it('maps sub-grid factors to the right full-grid values and renders them', () => {
    const sub = new DSprites({ subgrid: { shape: [2, 0], posX: everyNth(32, 2, 1) } });
    const rows = Int32Array.from([1, 3, 7, 4, 9]);
    expect(Array.from(sub.toFullGrid(rows))).toEqual([0, 3, 7, 9, 9]);
    const full = new DSprites();
    const fromFull = full.render(Int32Array.from([0, 3, 7, 9, 9]));
    expect(Array.from(sub.render(rows))).toEqual(Array.from(fromFull));
    // images(i) renders the factors of example i.
    const i = sub.indicesOf(rows)[0];
    expect(Array.from(sub.images([i]))).toEqual(Array.from(fromFull));
    const expected = renderSprite({ shape: 0, scale: 0.8, orientation: (7 * 2 * Math.PI) / 39, posX: 9 / 31, posY: 9 / 31 }, 64, new Float32Array(4096));
    expect(Array.from(fromFull)).toEqual(Array.from(expected));
  });

  it('labels each example with its shape', () => {
    const set = new DSprites({ subgrid: { scale: [0], orientation: [0], posX: [0, 31] } });
    const all = Int32Array.from({ length: set.size }, (_, i) => i);
    const factors = set.factorsOf(all);
    expect(Array.from(set.labels(all))).toEqual(Array.from(all, (i) => factors[i * 5]));
    expect(set.numClasses).toBe(3);
  });

  it('samples every factor uniformly within its range', () => {
    const set = new DSprites({ subgrid: { orientation: [0, 5, 9] } });
    const rows = set.factors.sample(6000, createRng(11));
    const sizes = set.factors.sizes;
    const counts = sizes.map((n) => new Array<number>(n).fill(0));
    for (let i = 0; i < rows.length; i++) counts[i % 5][rows[i]]++;
    counts.forEach((c, k) => {
      for (const v of c) expect(Math.abs(v - 6000 / sizes[k])).toBeLessThan(5 * Math.sqrt(6000 / sizes[k]));
    });
  });

  it('renders 32x32 images through observe()', () => {
    const small = new DSprites({ imageSize: 32 });
    const out = small.factors.observe(Int32Array.from([1, 5, 0, 16, 16, 2, 0, 3, 0, 31]));
    expect(out.length).toBe(2 * 32 * 32);
    expect(small.shape).toEqual([32, 32, 1]);
    expect(small.name).toBe('dsprites-32');
  });

  it('rejects a bad sub-grid or factor row, naming the factor', () => {
    expect(() => new DSprites({ subgrid: { posX: [32] } })).toThrow('posX index 32 outside 0..31');
    expect(() => new DSprites({ subgrid: { shape: [] } })).toThrow('shape keeps no values');
    expect(() => new DSprites({ subgrid: { scale: [1, 1] } })).toThrow('scale index 1 repeated');
    const sub = new DSprites({ subgrid: { shape: [0] } });
    expect(() => sub.render(Int32Array.from([1, 0, 0, 0, 0]))).toThrow('dsprites: shape index 1 outside 0..0');
    expect(() => sub.images([sub.size])).toThrow(`index ${sub.size} outside`);
  });
});
