import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { imageGridPng } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import type { DSpritesShape } from './geometry.ts';
import { DSPRITES_FACTOR_VALUES, ELLIPSE_SEMI_AXES, SQUARE_SIDE } from './geometry.ts';
import type { SpriteParams } from './render.ts';
import { renderSprite } from './render.ts';

const draw = (p: Partial<SpriteParams> & { shape: DSpritesShape }, size = 64): Float32Array =>
  renderSprite({ scale: 1, orientation: 0, posX: 0.5, posY: 0.5, ...p }, size, new Float32Array(size * size));

const area = (img: Float32Array): number => img.reduce((a, v) => a + v, 0);

function iou(a: Float32Array, b: Float32Array): number {
  let both = 0, either = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) both++;
    if (a[i] || b[i]) either++;
  }
  return both / either;
}

/** Centroid in pixel-centre coordinates: pixel i covers [i, i+1), its centre is i + 0.5. */
function centroid(img: Float32Array, size: number): [number, number] {
  let sx = 0, sy = 0, n = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (img[y * size + x]) {
        sx += x + 0.5;
        sy += y + 0.5;
        n++;
      }
    }
  }
  return [sx / n, sy / n];
}

const SHAPES: DSpritesShape[] = [0, 1, 2];

describe('renderSprite geometry', () => {
  it('outputs only 0 and 1', () => {
    const img = draw({ shape: 2, orientation: 0.7, posX: 0.3 });
    expect(new Set(img)).toEqual(new Set([0, 1]));
  });

  it('area grows with scale, about as scale squared', () => {
    for (const shape of SHAPES) {
      const areas = DSPRITES_FACTOR_VALUES[1].map((scale) => area(draw({ shape, scale, orientation: 0.3 })));
      for (let i = 1; i < areas.length; i++) expect(areas[i]).toBeGreaterThan(areas[i - 1]);
      expect(areas[5] / areas[0]).toBeGreaterThan(3.4);
      expect(areas[5] / areas[0]).toBeLessThan(4.6);
    }
  });

  it('matches the closed-form areas of the square and the ellipse, averaged over orientations', () => {
    const mean = (shape: DSpritesShape): number =>
      DSPRITES_FACTOR_VALUES[2].reduce((a, orientation) => a + area(draw({ shape, orientation })), 0) / 40;
    expect(mean(0) / (SQUARE_SIDE * SQUARE_SIDE)).toBeCloseTo(1, 1);
    expect(mean(1) / (Math.PI * ELLIPSE_SEMI_AXES[0] * ELLIPSE_SEMI_AXES[1])).toBeCloseTo(1, 1);
  });

  it('centres the sprite at 16 + 32 * position (of 64), so the centroid follows posX and posY', () => {
    for (const shape of [0, 1] as DSpritesShape[]) {
      for (const [posX, posY] of [[0, 0], [1, 0], [0.25, 0.75], [1, 1]]) {
        const [cx, cy] = centroid(draw({ shape, posX, posY, orientation: 1.1 }), 64);
        expect(Math.abs(cx - (16 + 32 * posX))).toBeLessThan(0.5);
        expect(Math.abs(cy - (16 + 32 * posY))).toBeLessThan(0.5);
      }
    }
    // The heart's centroid is off its centre (lobes are heavier) but moves with it.
    const [hx0, hy0] = centroid(draw({ shape: 2, posX: 0, posY: 0 }), 64);
    const [hx1, hy1] = centroid(draw({ shape: 2, posX: 1, posY: 0.5 }), 64);
    expect(hx1 - hx0).toBeCloseTo(32, 0);
    expect(hy1 - hy0).toBeCloseTo(16, 0);
  });

  it('keeps every sprite inside the frame at the extreme positions', () => {
    for (const shape of SHAPES) {
      for (const orientation of DSPRITES_FACTOR_VALUES[2]) {
        for (const [posX, posY] of [[0, 0], [1, 1], [0, 1], [1, 0]]) {
          const img = draw({ shape, orientation, posX, posY });
          let border = 0;
          for (let i = 0; i < 64; i++) border += img[i] + img[63 * 64 + i] + img[i * 64] + img[i * 64 + 63];
          expect(border).toBe(0);
        }
      }
    }
  });

  it('leaves a square unchanged by a quarter turn, up to aliasing', () => {
    for (const orientation of [0, 0.4, 1]) {
      const a = draw({ shape: 0, orientation, posX: 0.3 });
      const b = draw({ shape: 0, orientation: orientation + Math.PI / 2, posX: 0.3 });
      expect(iou(a, b)).toBeGreaterThan(0.9);
    }
  });

  it('changes an ellipse under a quarter turn but not under a half turn', () => {
    const a = draw({ shape: 1, orientation: 0.2 });
    expect(iou(a, draw({ shape: 1, orientation: 0.2 + Math.PI / 2 }))).toBeLessThan(0.6);
    expect(iou(a, draw({ shape: 1, orientation: 0.2 + Math.PI }))).toBeGreaterThan(0.97);
    // The heart has no rotational symmetry at all.
    expect(iou(draw({ shape: 2 }), draw({ shape: 2, orientation: Math.PI }))).toBeLessThan(0.8);
  });

  it('gives orientation 2π exactly the image of orientation 0', () => {
    for (const shape of SHAPES) expect(Array.from(draw({ shape, orientation: 2 * Math.PI }))).toEqual(Array.from(draw({ shape })));
  });

  it('renders 32x32 consistently with 64x64: a quarter of the area, same picture downsampled', () => {
    for (const shape of SHAPES) {
      for (const p of [{ scale: 1, orientation: 0.5, posX: 0.2, posY: 0.6 }, { scale: 0.6, orientation: 2, posX: 0.9, posY: 0.1 }]) {
        const big = draw({ shape, ...p }, 64);
        const small = draw({ shape, ...p }, 32);
        expect(area(small) / area(big)).toBeGreaterThan(0.2);
        expect(area(small) / area(big)).toBeLessThan(0.3);
        const down = new Float32Array(32 * 32);
        for (let y = 0; y < 32; y++) {
          for (let x = 0; x < 32; x++) {
            const s = big[2 * y * 64 + 2 * x] + big[2 * y * 64 + 2 * x + 1] + big[(2 * y + 1) * 64 + 2 * x] + big[(2 * y + 1) * 64 + 2 * x + 1];
            down[y * 32 + x] = s >= 2 ? 1 : 0;
          }
        }
        expect(iou(small, down)).toBeGreaterThan(0.75);
      }
    }
  });
});

describe('renderSprite against the original dSprites', () => {
  // 64x64 frames of the original's published animation (deepmind/dsprites-dataset,
  // dsprites.gif, Apache-2.0), with the full-grid factor indices each one shows.
  const reference = JSON.parse(readFileSync(new URL('./fixtures/dsprites-reference.json', import.meta.url), 'utf8')) as {
    frames: { frame: number; factors: number[]; bits: string }[];
  };

  it('overlaps every reference frame with IoU above 0.85 (mean above 0.93)', () => {
    const scores = reference.frames.map(({ factors, bits }) => {
      const bytes = Buffer.from(bits, 'hex');
      const original = new Float32Array(64 * 64).map((_, i) => (bytes[i >> 3] >> (7 - (i & 7))) & 1);
      const [shape, scale, orientation, posX, posY] = factors.map((f, k) => DSPRITES_FACTOR_VALUES[k][f]);
      return iou(draw({ shape: shape as DSpritesShape, scale, orientation, posX, posY }), original);
    });
    for (const s of scores) expect(s).toBeGreaterThan(0.85);
    expect(scores.reduce((a, b) => a + b, 0) / scores.length).toBeGreaterThan(0.93);
  });
});

describe('contact sheet', () => {
  it('writes test-output/dsprites-contact.png: rows = shape x scale, columns = orientation and position', () => {
    const columns = 10;
    const rows: SpriteParams[] = [];
    for (const shape of SHAPES) {
      for (const scale of [0.5, 1]) {
        for (let c = 0; c < columns; c++) {
          rows.push({ shape, scale, orientation: (c * 2 * Math.PI) / 39 * 2, posX: c / (columns - 1), posY: (c % 3) / 2 });
        }
      }
    }
    const images = new Float32Array(rows.length * 64 * 64);
    rows.forEach((p, i) => renderSprite(p, 64, images, i * 64 * 64));
    const png = imageGridPng(images, [64, 64, 1], { columns, padding: 2, scale: 2 });
    const dir = fileURLToPath(new URL('../../../../test-output/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}dsprites-contact.png`, png);
    expect(Array.from(png.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(columns * 128 + (columns + 1) * 2);
    expect(view.getUint32(20)).toBe(6 * 128 + 7 * 2);
  });
});
