import type { FactorSpace, ImageDataset, Rng } from '@vaelab/core';
import type { Row } from './matrix.ts';

/**
 * disentanglement_lib's `representation_function`: maps `n` images (row-major `n x h*w*c`) to
 * their `n x d` codes, normally the posterior mean of the encoder.
 */
export type RepresentationFn = (images: Float32Array, n: number) => Float32Array | Promise<Float32Array>;

/** Codes and the factors that generated them, both points x dims. */
export interface FactorCodes {
  readonly codes: Row[];
  readonly factors: Row[];
}

/** The dataset's factor space, or a clear error naming the metric and the dataset. */
export function requireFactors(dataset: ImageDataset, metric: string): FactorSpace {
  if (!dataset.factors) {
    throw new Error(`${metric}: dataset '${dataset.name}' has no ground-truth factors`);
  }
  if (dataset.factors.sizes.length === 0) {
    throw new Error(`${metric}: dataset '${dataset.name}' has an empty factor space`);
  }
  return dataset.factors;
}

/** Runs the representation on rendered factor rows and checks its output shape. */
export async function represent(
  space: FactorSpace,
  representFn: RepresentationFn,
  factors: Int32Array,
  n: number,
): Promise<{ flat: Float32Array; dim: number }> {
  const images = space.observe(factors);
  const flat = await representFn(images, n);
  if (n === 0 || flat.length % n !== 0) {
    throw new RangeError(`representation returned ${flat.length} values for ${n} images`);
  }
  return { flat, dim: flat.length / n };
}

/**
 * disentanglement_lib's `utils.generate_batch_factor_code`: draws `numPoints` factor vectors,
 * renders and encodes them `batchSize` at a time (so memory stays at one batch of images).
 */
export async function generateFactorCodes(
  space: FactorSpace,
  representFn: RepresentationFn,
  numPoints: number,
  rng: Rng,
  batchSize: number,
): Promise<FactorCodes> {
  if (!(numPoints > 0) || !(batchSize > 0)) throw new RangeError('numPoints and batchSize must be positive');
  const numFactors = space.sizes.length;
  const codes: Row[] = [];
  const factors: Row[] = [];
  for (let done = 0; done < numPoints; ) {
    const n = Math.min(batchSize, numPoints - done);
    const f = space.sample(n, rng);
    const { flat, dim } = await represent(space, representFn, f, n);
    // Copy out of the batch buffers: the representation may reuse its output array.
    for (let i = 0; i < n; i++) {
      codes.push(Float64Array.from(flat.subarray(i * dim, (i + 1) * dim)));
      factors.push(Int32Array.from(f.subarray(i * numFactors, (i + 1) * numFactors)));
    }
    done += n;
  }
  return { codes, factors };
}

/**
 * Images per representation call when a metric encodes many small groups (the beta-VAE and
 * FactorVAE scores' batches of 64): one call per group would spend most of its time in call
 * overhead; the groups are drawn in the reference's order and encoded together, which changes
 * nothing but speed because a representation maps each image on its own.
 */
export const IMAGES_PER_CALL = 2048;

/**
 * Encodes several groups of factor rows (each row-major `n_g x numFactors`) in calls of about
 * {@link IMAGES_PER_CALL} images; returns each group's codes as its own array, in order.
 */
export async function representGroups(
  space: FactorSpace, representFn: RepresentationFn, groups: readonly Int32Array[],
): Promise<{ codes: Float32Array[]; dim: number }> {
  const numFactors = space.sizes.length;
  const codes: Float32Array[] = [];
  let dim = 0;
  for (let g = 0; g < groups.length; ) {
    let end = g;
    let rows = 0;
    do rows += groups[end++].length / numFactors;
    while (end < groups.length && rows + groups[end].length / numFactors <= IMAGES_PER_CALL);
    const joined = new Int32Array(rows * numFactors);
    for (let k = g, offset = 0; k < end; offset += groups[k].length, k++) joined.set(groups[k], offset);
    const r = await represent(space, representFn, joined, rows);
    dim = r.dim;
    for (let k = g, at = 0; k < end; k++) {
      const n = groups[k].length / numFactors;
      codes.push(r.flat.slice(at * dim, (at + n) * dim));
      at += n;
    }
    g = end;
  }
  return { codes, dim };
}
