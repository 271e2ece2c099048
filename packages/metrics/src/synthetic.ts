/**
 * A tiny ground-truth factor dataset whose "images" are the factor values themselves, for
 * testing and timing the disentanglement metrics without rendering: `observe` writes each
 * factor row as floats, so a representation is any function of the factor values.
 */
import type { FactorSpace, ImageDataset, Rng } from '@vaelab/core';

/** An `ImageDataset` of shape [1, 1, numFactors] whose pixels are the factor indices. */
export function syntheticFactorDataset(sizes: readonly number[], name = 'synthetic/factors'): ImageDataset {
  const numFactors = sizes.length;
  const total = sizes.reduce((a, b) => a * b, 1);
  const factorsOfIndex = (index: number, out: Int32Array, offset: number) => {
    // Row-major over the factor grid, last factor fastest (like dSprites' index order).
    for (let f = numFactors - 1; f >= 0; f--) {
      out[offset + f] = index % sizes[f];
      index = Math.floor(index / sizes[f]);
    }
  };
  const factors: FactorSpace = {
    names: sizes.map((_, f) => `factor${f}`),
    sizes,
    sample(n: number, rng: Rng): Int32Array {
      const out = new Int32Array(n * numFactors);
      for (let i = 0; i < n; i++) for (let f = 0; f < numFactors; f++) out[i * numFactors + f] = rng.int(sizes[f]);
      return out;
    },
    observe(rows: Int32Array, out?: Float32Array): Float32Array {
      const images = out ?? new Float32Array(rows.length);
      for (let i = 0; i < rows.length; i++) images[i] = rows[i];
      return images;
    },
    factorsOf(indices: ArrayLike<number>): Int32Array {
      const out = new Int32Array(indices.length * numFactors);
      for (let i = 0; i < indices.length; i++) factorsOfIndex(indices[i], out, i * numFactors);
      return out;
    },
  };
  return {
    name,
    size: total,
    shape: [1, 1, numFactors],
    images(indices: ArrayLike<number>, out?: Float32Array): Float32Array {
      return factors.observe(factors.factorsOf(indices), out);
    },
    factors,
  };
}

/**
 * The ideal representation of `syntheticFactorDataset(sizes)`: each factor scaled to [0, 1],
 * plus Gaussian noise of std `noise` from a seeded generator (so ties are broken).
 */
export function identityRepresentation(sizes: readonly number[], noise: number, rng: Rng): RepresentationFnLike {
  const d = sizes.length;
  return (images, n) => {
    const out = new Float32Array(n * d);
    for (let i = 0; i < n * d; i++) out[i] = images[i] / Math.max(sizes[i % d] - 1, 1) + noise * rng.normal();
    return out;
  };
}

/** A representation that ignores its input: `dim` zeros per image. */
export function constantRepresentation(dim: number): RepresentationFnLike {
  return (_images, n) => new Float32Array(n * dim);
}

/** `inner` followed by a fixed linear map `matrix` (row-major d x d): z' = M z. */
export function linearlyMixed(inner: RepresentationFnLike, matrix: readonly number[], d: number): RepresentationFnLike {
  return async (images, n) => {
    const z = await inner(images, n);
    const out = new Float32Array(n * d);
    for (let i = 0; i < n; i++) for (let r = 0; r < d; r++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += matrix[r * d + c] * z[i * d + c];
      out[i * d + r] = s;
    }
    return out;
  };
}

/** Same shape as `RepresentationFn` (kept local so this file has no runtime imports). */
type RepresentationFnLike = (images: Float32Array, n: number) => Float32Array | Promise<Float32Array>;
