import { createRng } from '@vaelab/core';
import { DSprites } from '@vaelab/datasets';

function imagesPerSecond(dataset: DSprites, seconds: number): number {
  const batch = 256;
  const rng = createRng(7);
  const indices = new Int32Array(batch);
  const out = new Float32Array(batch * dataset.shape[0] * dataset.shape[1]);
  const draw = (): void => {
    for (let i = 0; i < batch; i++) indices[i] = rng.int(dataset.size);
  };
  // Warm up so the JIT has compiled the render loops before timing.
  for (let i = 0; i < 20; i++) {
    draw();
    dataset.images(indices, out);
  }
  let rendered = 0;
  let elapsed = 0;
  const start = performance.now();
  while (elapsed < seconds * 1000) {
    draw();
    dataset.images(indices, out);
    rendered += batch;
    elapsed = performance.now() - start;
  }
  return (rendered / elapsed) * 1000;
}

/**
 * Measures dSprites rendering throughput on one core: random examples of the full grid,
 * read through `images()` in batches of 256 (index -> factors -> render), at 64x64 and
 * 32x32.
 */
export async function benchDspritesRender(): Promise<{ imagesPerSecond64: number; imagesPerSecond32: number }> {
  const imagesPerSecond64 = imagesPerSecond(new DSprites({ imageSize: 64 }), 1);
  const imagesPerSecond32 = imagesPerSecond(new DSprites({ imageSize: 32 }), 1);
  return { imagesPerSecond64, imagesPerSecond32 };
}
