/**
 * Mutual Information Gap (Chen et al. 2018, "Isolating Sources of Disentanglement in Variational
 * Autoencoders", https://arxiv.org/abs/1802.04942), following disentanglement_lib
 * (`evaluation/metrics/mig.py` `_compute_mig`, `utils._histogram_discretize`,
 * `utils.discrete_mutual_info`, `utils.discrete_entropy`) with sklearn's `mutual_info_score`.
 */
import { createRng } from '@vaelab/core';
import type { ImageDataset } from '@vaelab/core';
import { columns, encodeLabels } from './matrix.ts';
import type { Matrix } from './matrix.ts';
import { generateFactorCodes, requireFactors } from './sampling.ts';
import type { RepresentationFn } from './sampling.ts';

export interface MigOptions {
  /** Number of equal-width histogram bins per code dimension. @default 20 */
  readonly numBins?: number;
}

export interface MigSamplingOptions extends MigOptions {
  /** Points sampled from the factor space. @default 10000 */
  readonly numTrain?: number;
  /** Images per representation call. @default 64 */
  readonly batchSize?: number;
  /** Seed of the factor sampler. @default 0 */
  readonly seed?: number;
}

export interface MigResult {
  /** Mean over factors of (top1 - top2 mutual information) / factor entropy. */
  readonly mig: number;
}

export interface MigDetails extends MigResult {
  /** Mutual information in nats, `[code][factor]`. */
  readonly mutualInformation: Float64Array[];
  /** Entropy of each factor in nats. */
  readonly factorEntropy: Float64Array;
}

/**
 * `np.digitize(x, np.histogram(x, numBins)[1][:-1])`: bin indices 1..numBins. The edges are
 * built exactly as `np.linspace` does (`start + k * step`) so boundary points land in the same
 * bin as in numpy; a constant column uses numpy's `(min - 0.5, max + 0.5)` range.
 */
export function histogramDiscretize(x: ArrayLike<number>, numBins = 20): Int32Array {
  if (!(numBins >= 1)) throw new RangeError(`numBins must be >= 1, got ${numBins}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError('histogramDiscretize: non-finite code value');
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const step = (hi - lo) / numBins;
  const edges = new Float64Array(numBins);
  for (let k = 0; k < numBins; k++) edges[k] = k * step + lo;
  const out = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    // Number of edges <= x (digitize with right=False on increasing bins), by binary search.
    let a = 0;
    let b = numBins;
    while (a < b) {
      const m = (a + b) >> 1;
      if (edges[m] <= x[i]) a = m + 1;
      else b = m;
    }
    out[i] = a;
  }
  return out;
}

/**
 * sklearn's `mutual_info_score(a, b)` in nats from the contingency table, including its
 * zeroing of terms below machine epsilon and the clip at 0.
 */
export function discreteMutualInfo(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError('discreteMutualInfo: label arrays differ in length');
  const { codes: ca, classes: ka } = encodeLabels(a);
  const { codes: cb, classes: kb } = encodeLabels(b);
  const ni = ka.length;
  const nj = kb.length;
  if (ni === 1 || nj === 1) return 0;
  const table = new Float64Array(ni * nj);
  for (let t = 0; t < ca.length; t++) table[ca[t] * nj + cb[t]] += 1;
  const pi = new Float64Array(ni);
  const pj = new Float64Array(nj);
  for (let i = 0; i < ni; i++) for (let j = 0; j < nj; j++) {
    pi[i] += table[i * nj + j];
    pj[j] += table[i * nj + j];
  }
  const total = a.length;
  const logTotal = Math.log(total);
  let mi = 0;
  for (let i = 0; i < ni; i++) for (let j = 0; j < nj; j++) {
    const n = table[i * nj + j];
    if (n === 0) continue;
    const p = n / total;
    const logOuter = -Math.log(pi[i] * pj[j]) + logTotal + logTotal;
    const term = p * (Math.log(n) - logTotal) + p * logOuter;
    if (Math.abs(term) >= Number.EPSILON) mi += term;
  }
  return Math.max(mi, 0);
}

/**
 * MIG of given codes and factors (both points x dims). Factors are discrete labels (any
 * numbers). A factor that takes a single value has zero entropy; disentanglement_lib would
 * divide by zero, we leave such factors out of the mean (and return 0 if no factor varies).
 */
export function migFromCodes(codes: Matrix, factors: Matrix, options: MigOptions = {}): MigDetails {
  const numBins = options.numBins ?? 20;
  if (codes.length !== factors.length) {
    throw new RangeError(`mig: ${codes.length} codes but ${factors.length} factor rows`);
  }
  const codeCols = columns(codes, 'mig codes');
  const factorCols = columns(factors, 'mig factors');
  if (codeCols.length < 2) throw new RangeError('mig: needs at least two code dimensions');
  const discrete = codeCols.map((c) => histogramDiscretize(c, numBins));
  const m = discrete.map((d) => Float64Array.from(factorCols, (f) => discreteMutualInfo(f, d)));
  const entropy = Float64Array.from(factorCols, (f) => discreteMutualInfo(f, f));
  let total = 0;
  let count = 0;
  for (let j = 0; j < factorCols.length; j++) {
    if (entropy[j] === 0) continue;
    const sorted = m.map((row) => row[j]).sort((x, y) => y - x);
    total += (sorted[0] - sorted[1]) / entropy[j];
    count++;
  }
  return { mig: count === 0 ? 0 : total / count, mutualInformation: m, factorEntropy: entropy };
}

/** MIG of a representation on `numTrain` points drawn from the dataset's factor space. */
export async function mig(
  dataset: ImageDataset,
  represent: RepresentationFn,
  options: MigSamplingOptions = {},
): Promise<MigResult> {
  const space = requireFactors(dataset, 'mig');
  const rng = createRng(options.seed ?? 0);
  const { codes, factors } = await generateFactorCodes(
    space, represent, options.numTrain ?? 10_000, rng, options.batchSize ?? 64,
  );
  return { mig: migFromCodes(codes, factors, options).mig };
}
