import { createRng } from '@vaelab/core';
import type { ImageDataset, ImageShape } from '@vaelab/core';

/** `size` images of uniform random pixels (labels: `i % classes`). */
export function randomImages(size: number, shape: ImageShape = [8, 8, 1], seed = 0, classes = 4): ImageDataset {
  const width = shape[0] * shape[1] * shape[2];
  const pixels = createRng(seed).fillUniform(new Float32Array(size * width));
  return {
    name: `random-${size}`,
    size,
    shape,
    numClasses: classes,
    images(indices, out = new Float32Array(indices.length * width)) {
      for (let i = 0; i < indices.length; i++) out.set(pixels.subarray(indices[i] * width, (indices[i] + 1) * width), i * width);
      return out;
    },
    labels: (indices) => Int32Array.from(indices, (i) => i % classes),
  };
}
