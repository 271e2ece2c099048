import { encode } from 'fast-png';
import type { ImageShape } from './data.ts';

/** Options of {@link imageGridPng}. */
export interface ImageGridOptions {
  /** Images per row. @default ceil(sqrt(n)) */
  columns?: number;
  /** Pixels of background between images. @default 1 */
  padding?: number;
  /** Integer upscaling factor (nearest neighbour). @default 1 */
  scale?: number;
}

/**
 * Lays `n` images (row-major `n x h*w*c`, values in [0, 1]) out as a grid and encodes it as
 * an 8-bit PNG (grey for one channel, RGB for three).
 */
export function imageGridPng(images: Float32Array, shape: ImageShape, options: ImageGridOptions = {}): Uint8Array {
  const [h, w, c] = shape;
  if (c !== 1 && c !== 3) throw new Error(`imageGridPng: expected 1 or 3 channels, got ${c}`);
  const size = h * w * c;
  const n = Math.floor(images.length / size);
  if (n * size !== images.length || n === 0) {
    throw new Error(`imageGridPng: ${images.length} values do not make whole ${h}x${w}x${c} images`);
  }
  const columns = options.columns ?? Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / columns);
  const pad = options.padding ?? 1;
  const scale = options.scale ?? 1;
  const cellW = w * scale, cellH = h * scale;
  const width = columns * cellW + (columns + 1) * pad;
  const height = rows * cellH + (rows + 1) * pad;
  const data = new Uint8Array(width * height * c).fill(128);
  for (let k = 0; k < n; k++) {
    const x0 = pad + (k % columns) * (cellW + pad);
    const y0 = pad + Math.floor(k / columns) * (cellH + pad);
    for (let y = 0; y < cellH; y++) {
      const sy = Math.floor(y / scale);
      for (let x = 0; x < cellW; x++) {
        const sx = Math.floor(x / scale);
        for (let ch = 0; ch < c; ch++) {
          const v = images[k * size + (sy * w + sx) * c + ch];
          data[((y0 + y) * width + x0 + x) * c + ch] = Math.round(Math.min(1, Math.max(0, v)) * 255);
        }
      }
    }
  }
  return encode({ width, height, data, channels: c, depth: 8 });
}
