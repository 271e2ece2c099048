import type { Rng } from './rng.ts';

/** Height, width, channels of one image. */
export type ImageShape = readonly [height: number, width: number, channels: number];

/**
 * Ground-truth factors of variation of a dataset (dSprites): the generative grid that a
 * disentanglement metric compares a representation against (Locatello et al. 2019,
 * `GroundTruthData` in disentanglement_lib).
 */
export interface FactorSpace {
  /** Factor names, e.g. `['shape', 'scale', 'orientation', 'posX', 'posY']`. */
  readonly names: readonly string[];
  /** Number of values of each factor. */
  readonly sizes: readonly number[];
  /** Draws `n` factor vectors uniformly from the grid: row-major `n x names.length` indices. */
  sample(n: number, rng: Rng): Int32Array;
  /** Renders the images of the given factor rows (`n x names.length`), values in [0, 1]. */
  observe(factors: Int32Array, out?: Float32Array): Float32Array;
  /** Factor rows of dataset examples. */
  factorsOf(indices: ArrayLike<number>): Int32Array;
}

/**
 * A dataset of images, read by index. Implementations may hold every image in memory (MNIST)
 * or render on demand (dSprites), so nothing here assumes the whole set fits as float32.
 */
export interface ImageDataset {
  /** Short name, e.g. `mnist/train`. */
  readonly name: string;
  /** Number of examples. */
  readonly size: number;
  readonly shape: ImageShape;
  /** Number of classes of `labels`, when the dataset is labelled. */
  readonly numClasses?: number;
  /** Copies examples `indices` into `out` (row-major `n x h*w*c`, values in [0, 1]) and returns it. */
  images(indices: ArrayLike<number>, out?: Float32Array): Float32Array;
  /** Class labels of examples `indices`, when the dataset is labelled. */
  labels?(indices: ArrayLike<number>): Int32Array;
  /** Ground-truth factors, when the dataset has them. */
  readonly factors?: FactorSpace;
}

/** A train/test pair. */
export interface DatasetSplit {
  readonly train: ImageDataset;
  readonly test: ImageDataset;
}

/**
 * How pixel intensities become Bernoulli targets. `static`: threshold at 0.5 once; `dynamic`:
 * a fresh Bernoulli draw with p = intensity every time an example is read (Salakhutdinov &
 * Murray 2008); `none`: keep grey levels (use a Gaussian likelihood or accept soft targets).
 */
export type Binarization = 'none' | 'static' | 'dynamic';

/** Applies a binarization in place. `dynamic` needs a generator. */
export function binarize(pixels: Float32Array, mode: Binarization, rng?: Rng): Float32Array {
  if (mode === 'static') {
    for (let i = 0; i < pixels.length; i++) pixels[i] = pixels[i] >= 0.5 ? 1 : 0;
  } else if (mode === 'dynamic') {
    if (!rng) throw new Error('dynamic binarization needs a random generator');
    for (let i = 0; i < pixels.length; i++) pixels[i] = rng.next() < pixels[i] ? 1 : 0;
  }
  return pixels;
}

/** Number of values in one image. */
export function imageSize(shape: ImageShape): number {
  return shape[0] * shape[1] * shape[2];
}

/**
 * A view of some examples of a dataset, by index, in the given order. Used to evaluate on a
 * random sample of a large ordered set (dSprites' grid order puts all squares first).
 */
export function subsetDataset(dataset: ImageDataset, indices: ArrayLike<number>, name = `${dataset.name}[${indices.length}]`): ImageDataset {
  const map = Int32Array.from(indices);
  for (const i of map) if (i < 0 || i >= dataset.size) throw new RangeError(`subset index ${i} outside ${dataset.name} (size ${dataset.size})`);
  const remap = (ids: ArrayLike<number>): Int32Array => Int32Array.from(ids, (i) => map[i]);
  const { factors, labels } = dataset;
  return {
    name,
    size: map.length,
    shape: dataset.shape,
    numClasses: dataset.numClasses,
    images: (ids, out) => dataset.images(remap(ids), out),
    labels: labels ? (ids) => labels.call(dataset, remap(ids)) : undefined,
    factors: factors ? { names: factors.names, sizes: factors.sizes, sample: factors.sample.bind(factors), observe: factors.observe.bind(factors), factorsOf: (ids) => factors.factorsOf(remap(ids)) } : undefined,
  };
}

/** `n` distinct indices of `0..size-1` drawn without replacement, in random order. */
export function sampleIndices(size: number, n: number, rng: Rng): Int32Array {
  if (n >= size) return rng.shuffle(Int32Array.from({ length: size }, (_, i) => i));
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(rng.int(size));
  return Int32Array.from(chosen);
}
