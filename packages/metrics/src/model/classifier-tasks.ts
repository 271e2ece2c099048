/**
 * What the feature classifier learns on each dataset, and its training recipe.
 *
 * - A labelled dataset (MNIST digits, Fashion-MNIST classes): one head `class`, the labels.
 * - A dataset with ground-truth factors (dSprites): three heads on a shared trunk, `shape`
 *   (its classes = the dataset's labels), `posX` and `posY` (positions in 8 equal buckets of the
 *   grid, 4 of the 32 positions each). Heads rather than one joint label (3 x 8 x 8 = 192
 *   classes, a dozen images per class in a 5,000-image check) keep each head well fed and make
 *   the features see both what is drawn and where; scale and orientation are left out because
 *   a good generator must get shape and position right first and small-sprite orientation is
 *   barely identifiable at 32x32.
 *
 * Head 0 is always the dataset's own label, so a conditional model's samples can be checked
 * against the label they were asked for.
 *
 * Held-out data: the test split; when train and test are the same set (dSprites: the grid is
 * both), a fixed 10 % of the examples, chosen by a hash of the index, is kept out of training.
 */
import type { DatasetSplit, ImageDataset } from '@vaelab/core';
import { createRng } from '@vaelab/core';
import { labelFactor } from './batches.ts';
import type { ClassifierHead, ClassifierRecipe, ClassifierTask } from './classifier.ts';

/** Position buckets per axis of the dSprites heads. */
const POSITION_BUCKETS = 8;
/** Cap on held-out examples scored. */
const HELD_OUT_MAX = 10_000;

/** Whether example `i` of a set that is its own test split is held out (a fixed 10 %). */
function heldOutIndex(i: number): boolean {
  return (Math.imul(i ^ (i >>> 15), 0x2c1b3c6d) >>> 0) % 10 === 0;
}

function sampleOf(pool: Int32Array, max: number, seed: number): Int32Array {
  if (pool.length <= max) return pool;
  const copy = Int32Array.from(pool);
  const rng = createRng(seed);
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(copy.length - i);
    const t = copy[i];
    copy[i] = copy[j];
    copy[j] = t;
  }
  return copy.slice(0, max);
}

function splitIndices(split: DatasetSplit): { trainIndices: Int32Array; heldOut: { data: ImageDataset; indices: Int32Array } } {
  const all = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);
  if (split.test !== split.train) {
    return { trainIndices: all(split.train.size), heldOut: { data: split.test, indices: sampleOf(all(split.test.size), HELD_OUT_MAX, 7) } };
  }
  const train: number[] = [];
  const held: number[] = [];
  for (let i = 0; i < split.train.size; i++) (heldOutIndex(i) ? held : train).push(i);
  return { trainIndices: Int32Array.from(train), heldOut: { data: split.test, indices: sampleOf(Int32Array.from(held), 5_000, 7) } };
}

/** Heads and targets for `split` (see the file comment). */
export function classifierTask(split: DatasetSplit): ClassifierTask {
  const { train } = split;
  const indices = splitIndices(split);
  const space = train.factors;
  if (space) {
    const shape = labelFactor(train);
    const posX = space.names.indexOf('posX');
    const posY = space.names.indexOf('posY');
    if (shape >= 0 && posX >= 0 && posY >= 0) {
      const columns = [shape, posX, posY];
      const buckets = columns.map((f, c) => (c === 0 ? space.sizes[f] : Math.min(POSITION_BUCKETS, space.sizes[f])));
      const heads: ClassifierHead[] = [
        { name: space.names[shape], classes: buckets[0] },
        { name: 'posX', classes: buckets[1] },
        { name: 'posY', classes: buckets[2] },
      ];
      return {
        heads,
        ...indices,
        targets(data, at) {
          const rows = data.factors!.factorsOf(at);
          const k = space.sizes.length;
          return columns.map((f, c) => Int32Array.from({ length: at.length }, (_, i) => Math.floor((rows[i * k + f] * buckets[c]) / space.sizes[f])));
        },
      };
    }
  }
  if (!train.labels || train.numClasses === undefined) {
    throw new Error(`feature classifier: dataset '${train.name}' has neither labels nor shape/position factors to train on`);
  }
  return {
    heads: [{ name: 'class', classes: train.numClasses }],
    ...indices,
    targets: (data, at) => [data.labels!(at)],
  };
}

/**
 * The recipe of a dataset: MLP 512-128 (features: the 128 ReLU units), Adam 1e-3, batch 128.
 * Labelled sets: 1,500 steps (24 passes over the 8,000 embedded MNIST digits, 3 over
 * Fashion-MNIST's 60,000) on images shifted by up to 2 pixels, which lifts embedded-MNIST
 * accuracy from ~95 % to ~97 %. Factor grids: 4,000 steps, unshifted (position is a label).
 */
export function defaultRecipe(split: DatasetSplit): ClassifierRecipe {
  const factors = split.train.factors !== undefined;
  return { hidden: [512, 128], learningRate: 1e-3, batchSize: 128, steps: factors ? 4000 : 1500, seed: 0, shift: factors ? 0 : 2 };
}
