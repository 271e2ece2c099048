/**
 * Writes the embedded MNIST split exactly as vaelab trains and evaluates on it, for the
 * PyTorch reference (pytorch_vae.py): train images as grey levels (float32, 8000 x 784) and the
 * test images binarized the way `evaluate` does (dynamic binarization with seed 0).
 *
 *   npx tsx packages/vae/reference/export-split.ts /tmp/vaelab-mnist
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binarize, createRng } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';

const out = process.argv[2] ?? '/tmp/vaelab-mnist';
mkdirSync(out, { recursive: true });
const { train, test } = loadDataset('mnist');
const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const trainPixels = train.images(all(train.size));
// evaluateModel draws binarization and reparameterisation noise from one stream in batches of
// 500; the binarization of each batch comes first, so replay it batch by batch.
const testPixels = new Float32Array(test.size * 784);
const rng = createRng(0);
for (let start = 0; start < test.size; start += 500) {
  const rows = Math.min(500, test.size - start);
  const batch = binarize(test.images(Int32Array.from({ length: rows }, (_, i) => start + i)), 'dynamic', rng);
  testPixels.set(batch, start * 784);
  rng.fillNormal(new Float32Array(rows * 20)); // the reparameterisation draw that follows in evaluate
}
writeFileSync(join(out, 'train.f32'), Buffer.from(trainPixels.buffer));
writeFileSync(join(out, 'test-binarized.f32'), Buffer.from(testPixels.buffer));
console.log(`wrote ${train.size} train and ${test.size} test images to ${out}`);
