/**
 * Which held-out examples an evaluation reads. Test splits can be ordered by what generated
 * them (dSprites' grid order puts every square of the smallest scale first), so an evaluation
 * never takes "the first N": it takes a seeded uniform sample without replacement, capped so
 * that a 737,280-image grid is not evaluated image by image.
 */
import { subsetDataset } from './data.ts';
import type { ImageDataset } from './data.ts';
import { createRng } from './rng.ts';

/** Examples an evaluation reads when the caller sets no cap. */
export const HELD_OUT_CAP = 10_000;

/** Which examples of a held-out split to read. */
export interface HeldOutOptions {
  /** Cap on examples; a split this size or smaller is read whole (in a seeded order). @default 10000 */
  maxExamples?: number;
  /** Seed of the draw: the same seed and split size always give the same indices. @default 0 */
  seed?: number;
}

/**
 * `min(size, maxExamples)` distinct indices of `0..size-1`, a seeded uniform draw without
 * replacement (a Fisher–Yates shuffle stopped after n swaps, its swaps kept in a map so that
 * memory is O(n), not O(size)). Draws are sequential, so with one seed a smaller sample is a
 * prefix of a larger one: metrics with different budgets read nested sets of examples.
 */
export function heldOutIndices(size: number, options: HeldOutOptions = {}): Int32Array {
  const cap = options.maxExamples ?? HELD_OUT_CAP;
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`heldOutIndices: size must be a non-negative integer, got ${size}`);
  if (!(cap >= 1)) throw new RangeError(`heldOutIndices: maxExamples must be at least 1, got ${cap}`);
  const n = Math.min(size, Math.floor(cap));
  const rng = createRng(options.seed ?? 0);
  const swapped = new Map<number, number>();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(size - i);
    out[i] = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
  }
  return out;
}

/** The examples {@link heldOutIndices} picks, as a dataset view (labels and factors follow). */
export function heldOutSample(data: ImageDataset, options: HeldOutOptions = {}): ImageDataset {
  const indices = heldOutIndices(data.size, options);
  return subsetDataset(data, indices, `${data.name}[${indices.length} of ${data.size}, seed ${options.seed ?? 0}]`);
}
