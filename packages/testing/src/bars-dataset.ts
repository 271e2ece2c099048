import { createRng } from '@vaelab/core';
import type { ImageDataset, ImageShape } from '@vaelab/core';

/**
 * A small labelled dataset for tests: each class is a bright horizontal bar at its own row
 * band, with per-example jitter in position and intensity, so that a VAE has real structure
 * to learn and a conditional model has labels that matter.
 */
export function barsDataset(size: number, options: { side?: number; classes?: number; seed?: number; name?: string } = {}): ImageDataset {
  const side = options.side ?? 8;
  const classes = options.classes ?? 4;
  const rng = createRng(options.seed ?? 1);
  const shape: ImageShape = [side, side, 1];
  const pixels = new Float32Array(size * side * side);
  const labels = new Int32Array(size);
  for (let n = 0; n < size; n++) {
    const label = n % classes;
    labels[n] = label;
    const row = Math.min(side - 1, Math.floor(((label + 0.5) * side) / classes) + (rng.int(3) - 1));
    const start = rng.int(Math.max(1, side / 2));
    const intensity = 0.7 + 0.3 * rng.next();
    for (let x = start; x < Math.min(side, start + side / 2); x++) pixels[n * side * side + row * side + x] = intensity;
  }
  return {
    name: options.name ?? 'bars',
    size,
    shape,
    numClasses: classes,
    images(indices, out) {
      const width = side * side;
      const result = out ?? new Float32Array(indices.length * width);
      for (let i = 0; i < indices.length; i++) result.set(pixels.subarray(indices[i] * width, (indices[i] + 1) * width), i * width);
      return result;
    },
    labels: (indices) => Int32Array.from(indices, (i) => labels[i]),
  };
}
