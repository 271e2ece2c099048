/**
 * Interventional Robustness Score (Suter, Miladinović, Schölkopf & Bauer 2019, "Robustly
 * Disentangled Causal Mechanisms: Validating Deep Representations for Interventional
 * Robustness", https://arxiv.org/abs/1811.00007), following disentanglement_lib's
 * `evaluation/metrics/irs.py` (`compute_irs`, `scalable_disentanglement_score`) and its
 * `unsupervised_study_v1` configuration: 10,000 points, factors discretized into 20 histogram
 * bins, the 0.99 quantile of the deviations.
 *
 * For a code dimension z_l and a factor g_i: how far z_l strays from E[z_l | g_i = v] when only
 * the other factors change (the 0.99 quantile of |z_l - E[z_l | g_i = v]|, averaged over v),
 * relative to its largest deviation from its overall mean. IRS(l) = 1 - the smallest such
 * ratio over factors; the score is the mean of IRS(l) weighted by each dimension's largest
 * deviation. Code dimensions that are constant are dropped first; with none left the score is 0.
 */
import { createRng } from '@vaelab/core';
import type { ImageDataset } from '@vaelab/core';
import { columns } from './matrix.ts';
import type { Matrix } from './matrix.ts';
import { histogramDiscretize } from './mig.ts';
import { generateFactorCodes, requireFactors } from './sampling.ts';
import type { RepresentationFn } from './sampling.ts';

export interface IrsOptions {
  /** Quantile of the within-group deviations (1 is the paper's maximum). @default 0.99 */
  readonly diffQuantile?: number;
  /** Histogram bins the factors are discretized into (disentanglement_lib's discretizer). @default 20 */
  readonly numBins?: number;
}

export interface IrsSamplingOptions extends IrsOptions {
  /** Points sampled from the factor space. @default 10000 */
  readonly numTrain?: number;
  /** Images per representation call. @default 16 */
  readonly batchSize?: number;
  /** Seed of the factor sampler. @default 0 */
  readonly seed?: number;
}

export interface IrsResult {
  /** Deviation-weighted mean of the per-dimension scores. */
  readonly irs: number;
  /** Code dimensions that are not constant. */
  readonly irs_active_dims: number;
}

export interface IrsDetails extends IrsResult {
  /** `[activeCode][factor]` 1 - normalised deviation. */
  readonly irsMatrix: Float64Array[];
}

/** numpy's default (`linear`) quantile of `values`, which it sorts in place. */
export function quantile(values: Float64Array, q: number): number {
  values.sort();
  const position = q * (values.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, values.length - 1);
  return values[lo] + (position - lo) * (values[hi] - values[lo]);
}

/** IRS of codes and factors (both points x dims); factors are discretized as disentanglement_lib does. */
export function irsFromCodes(codes: Matrix, factors: Matrix, options: IrsOptions = {}): IrsDetails {
  if (codes.length !== factors.length) throw new RangeError(`irs: ${codes.length} codes but ${factors.length} factor rows`);
  const q = options.diffQuantile ?? 0.99;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`irs: diffQuantile must be in [0, 1], got ${q}`);
  const n = codes.length;
  const groups = columns(factors, 'irs factors').map((f) => histogramDiscretize(f, options.numBins ?? 20));
  const latents = columns(codes, 'irs codes').filter((c) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of c) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi > lo;
  });
  if (latents.length === 0) return { irs: 0, irs_active_dims: 0, irsMatrix: [] };

  // Largest deviation of each dimension from its mean: the normaliser and the weight.
  const maxDeviations = latents.map((z) => {
    let mean = 0;
    for (const v of z) mean += v / n;
    let m = 0;
    for (const v of z) m = Math.max(m, Math.abs(v - mean));
    return m;
  });
  // The rows of each value of each (discretized) factor.
  const members = groups.map((g) => {
    const byValue = new Map<number, number[]>();
    for (let t = 0; t < n; t++) {
      const list = byValue.get(g[t]);
      if (list) list.push(t);
      else byValue.set(g[t], [t]);
    }
    return [...byValue.values()];
  });
  const irsMatrix = latents.map((z, l) => Float64Array.from(members, (byValue) => {
    let cumulative = 0;
    for (const rows of byValue) {
      let groupMean = 0;
      for (const t of rows) groupMean += z[t];
      groupMean /= rows.length;
      cumulative += quantile(Float64Array.from(rows, (t) => Math.abs(z[t] - groupMean)), q);
    }
    return 1 - cumulative / byValue.length / maxDeviations[l];
  }));
  let weighted = 0;
  let totalWeight = 0;
  irsMatrix.forEach((row, l) => {
    weighted += maxDeviations[l] * Math.max(...row);
    totalWeight += maxDeviations[l];
  });
  return { irs: weighted / totalWeight, irs_active_dims: latents.length, irsMatrix };
}

/** IRS of a representation on `numTrain` points drawn from the dataset's factor space. */
export async function irs(dataset: ImageDataset, represent: RepresentationFn, options: IrsSamplingOptions = {}): Promise<IrsResult> {
  const space = requireFactors(dataset, 'irs');
  const { codes, factors } = await generateFactorCodes(space, represent, options.numTrain ?? 10_000, createRng(options.seed ?? 0), options.batchSize ?? 16);
  const { irsMatrix: _, ...scores } = irsFromCodes(codes, factors, options);
  return scores;
}
