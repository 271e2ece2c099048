import { imageGridPng } from '@vaelab/core';
import type { Rng } from '@vaelab/core';

/** Side of the synthetic images (MNIST's). */
export const SIDE = 28;

/** A soft round blob at (cx, cy) with radius r, values in [0, 1]: stands in for a digit in report fixtures. */
export function blob(cx: number, cy: number, r: number, out = new Float32Array(SIDE * SIDE), offset = 0): Float32Array {
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const d = Math.hypot(x - cx, y - cy);
      out[offset + y * SIDE + x] = 1 / (1 + Math.exp((d - r) * 1.5));
    }
  }
  return out;
}

/** PNG grid of n blobs at the positions `at(i)` returns. */
export function blobGrid(n: number, at: (i: number) => [number, number, number], columns?: number): Uint8Array {
  const images = new Float32Array(n * SIDE * SIDE);
  for (let i = 0; i < n; i++) blob(...at(i), images, i * SIDE * SIDE);
  return imageGridPng(images, [SIDE, SIDE, 1], { columns: columns ?? Math.ceil(Math.sqrt(n)), scale: 2 });
}

/** Prior samples: blobs scattered more widely when `spread` is larger (a model with prior holes). */
export function samplesPng(rng: Rng, spread: number): Uint8Array {
  return blobGrid(16, () => [14 + rng.normal() * spread, 14 + rng.normal() * spread, 4 + rng.next() * 3]);
}

/** Latent traversals: row d moves the blob along dimension d (x, y, then size), columns −3…3. */
export function traversalsPng(latentDim: number): Uint8Array {
  return blobGrid(latentDim * 7, (i) => {
    const d = Math.floor(i / 7), v = ((i % 7) - 3) * 2.5;
    return d === 0 ? [14 + v, 14, 5] : d === 1 ? [14, 14 + v, 5] : [14, 14, 5 + v / 4];
  }, 7);
}

/** A 10 x 10 decoded manifold of a 2-D latent space. */
export function manifoldPng(): Uint8Array {
  return blobGrid(100, (i) => [5 + (i % 10) * 2, 5 + Math.floor(i / 10) * 2, 4], 10);
}

/** `latents.json` bytes: 10 labelled clusters of test encodings on dims 0 and 1. */
export function latentsJson(rng: Rng, separation: number): Uint8Array {
  const points: [number, number, number][] = [];
  for (let i = 0; i < 300; i++) {
    const label = i % 10, angle = (label / 10) * 2 * Math.PI;
    points.push([Math.cos(angle) * separation + rng.normal() * 0.4, Math.sin(angle) * separation + rng.normal() * 0.4, label]);
  }
  const labels = Array.from({ length: 10 }, (_, k) => String(k));
  return new TextEncoder().encode(JSON.stringify({ dims: [0, 1], points, colourBy: 'label', labels }));
}
