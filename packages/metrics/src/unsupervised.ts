/**
 * The unsupervised scores of disentanglement_lib (`evaluation/metrics/unsupervised_metrics.py`,
 * Locatello et al. 2019, "Challenging Common Assumptions in the Unsupervised Learning of
 * Disentangled Representations", https://arxiv.org/abs/1811.12359, Section 5): they need no
 * factors, only codes, here 10,000 points as its `unsupervised_study_v1` configuration.
 *
 * With C the sample covariance of the codes (`np.cov`, n - 1) and D its diagonal:
 * - `gaussian_total_correlation`: KL(N(0, C) || N(0, D)) = (sum log C_ii - log det C) / 2, the
 *   total correlation of a Gaussian with that covariance;
 * - `gaussian_wasserstein_correlation`: the squared 2-Wasserstein distance between N(0, C) and
 *   N(0, D), 2 tr C - 2 tr (C D)^(1/2); `_norm` divides it by tr C. (C D)^(1/2) has the
 *   eigenvalues of the symmetric D^(1/2) C D^(1/2), so its trace is computed from that matrix;
 * - `mutual_info_score`: the mean mutual information between distinct pairs of code dimensions,
 *   each discretized into 20 histogram bins.
 *
 * Deviation: a code dimension with zero variance makes log C_ii = -inf (disentanglement_lib
 * returns NaN); such dimensions are left out of the two Gaussian scores.
 */
import { createRng } from '@vaelab/core';
import type { ImageDataset } from '@vaelab/core';
import { columns } from './matrix.ts';
import type { Matrix } from './matrix.ts';
import { discreteMutualInfo, histogramDiscretize } from './mig.ts';
import { generateFactorCodes, requireFactors } from './sampling.ts';
import type { RepresentationFn } from './sampling.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

export interface UnsupervisedOptions {
  /** Histogram bins of each code dimension for the mutual information. @default 20 */
  readonly numBins?: number;
}

export interface UnsupervisedSamplingOptions extends UnsupervisedOptions {
  /** Points sampled from the dataset. @default 10000 */
  readonly numTrain?: number;
  /** Images per representation call. @default 16 */
  readonly batchSize?: number;
  /** Seed of the sampler. @default 0 */
  readonly seed?: number;
}

export interface UnsupervisedResult {
  readonly gaussian_total_correlation: number;
  readonly gaussian_wasserstein_correlation: number;
  readonly gaussian_wasserstein_correlation_norm: number;
  readonly mutual_info_score: number;
}

/** Total correlation of N(0, cov), `cov` row-major n x n. */
export function gaussianTotalCorrelation(cov: ArrayLike<number>, n: number): number {
  const { values } = symmetricEigen(cov, n);
  let logDiag = 0;
  let logDet = 0;
  for (let i = 0; i < n; i++) {
    logDiag += Math.log(cov[i * n + i]);
    logDet += Math.log(values[i]);
  }
  return 0.5 * (logDiag - logDet);
}

/** Squared 2-Wasserstein distance between N(0, cov) and N(0, diag(cov)). */
export function gaussianWassersteinCorrelation(cov: ArrayLike<number>, n: number): number {
  const scaled = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scaled[i * n + j] = Math.sqrt(cov[i * n + i] * cov[j * n + j]) * cov[i * n + j];
  const { values } = symmetricEigen(scaled, n);
  let trace = 0;
  let traceSqrt = 0;
  for (let i = 0; i < n; i++) {
    trace += cov[i * n + i];
    traceSqrt += Math.sqrt(Math.max(values[i], 0));
  }
  return 2 * trace - 2 * traceSqrt;
}

/** Sample covariance (n - 1) of the given columns, row-major. */
function covariance(cols: Float64Array[]): Float64Array {
  const d = cols.length;
  const n = cols[0].length;
  const centred = cols.map((c) => {
    const m = c.reduce((s, v) => s + v, 0) / n;
    return c.map((v) => v - m);
  });
  const cov = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) {
    let s = 0;
    for (let t = 0; t < n; t++) s += centred[i][t] * centred[j][t];
    cov[i * d + j] = cov[j * d + i] = s / (n - 1);
  }
  return cov;
}

/** The unsupervised scores of codes (points x dims). */
export function unsupervisedFromCodes(codes: Matrix, options: UnsupervisedOptions = {}): UnsupervisedResult {
  const cols = columns(codes, 'unsupervised codes');
  if (cols.length < 2 || codes.length < 2) throw new RangeError('unsupervised: needs at least two code dimensions and two points');
  const varying = cols.filter((c) => c.some((v) => v !== c[0]));
  let tc = 0;
  let wc = 0;
  let trace = 0;
  if (varying.length > 0) {
    const cov = covariance(varying);
    const d = varying.length;
    tc = gaussianTotalCorrelation(cov, d);
    wc = gaussianWassersteinCorrelation(cov, d);
    for (let i = 0; i < d; i++) trace += cov[i * d + i];
  }
  const discrete = cols.map((c) => histogramDiscretize(c, options.numBins ?? 20));
  let mi = 0;
  for (let i = 0; i < discrete.length; i++) for (let j = 0; j < discrete.length; j++) if (i !== j) mi += discreteMutualInfo(discrete[i], discrete[j]);
  const d = discrete.length;
  return {
    gaussian_total_correlation: tc,
    gaussian_wasserstein_correlation: wc,
    gaussian_wasserstein_correlation_norm: trace > 0 ? wc / trace : 0,
    mutual_info_score: mi / (d * d - d),
  };
}

/** The unsupervised scores of a representation on `numTrain` points drawn from the dataset. */
export async function unsupervisedScores(dataset: ImageDataset, represent: RepresentationFn, options: UnsupervisedSamplingOptions = {}): Promise<UnsupervisedResult> {
  const space = requireFactors(dataset, 'unsupervisedScores');
  const { codes } = await generateFactorCodes(space, represent, options.numTrain ?? 10_000, createRng(options.seed ?? 0), options.batchSize ?? 16);
  return unsupervisedFromCodes(codes, options);
}
