/**
 * SAP score (Kumar et al. 2018, "Variational Inference of Disentangled Latent Concepts from
 * Unlabeled Observations", https://openreview.net/forum?id=H1kG7GZAW, Section 3), following
 * disentanglement_lib's `evaluation/metrics/sap_score.py` (`compute_score_matrix`,
 * `compute_avg_diff_top_two`).
 *
 * Score matrix entry (code i, factor j):
 * - continuous factors: squared Pearson correlation cov(z_i, y_j)^2 / (var z_i var y_j), all with
 *   ddof = 1 as `np.cov`, and 0 when var z_i <= 1e-12 (the reference's guard);
 * - discrete factors (disentanglement_lib's default): test accuracy of
 *   `LinearSVC(C=0.01, class_weight="balanced")` trained on code i alone to predict factor j.
 * SAP = mean over factors of the gap between the two largest scores.
 *
 * Deviation: a factor with zero variance would make the reference divide by zero (NaN); its
 * continuous scores are 0 here.
 */
import { createRng } from '@vaelab/core';
import type { ImageDataset } from '@vaelab/core';
import { fitLinearSvc, predictLinearSvc } from './linear-svc.ts';
import { columns, mean, meanTopTwoGap } from './matrix.ts';
import type { Matrix } from './matrix.ts';
import { generateFactorCodes, requireFactors } from './sampling.ts';
import type { RepresentationFn } from './sampling.ts';

export interface SapOptions {
  /** Treat factors as continuous (correlation) instead of discrete (SVC accuracy). @default false */
  readonly continuousFactors?: boolean;
  /** LinearSVC regularisation for discrete factors. @default 0.01 */
  readonly svcC?: number;
  /** Seed of the SVC coordinate order. @default 0 */
  readonly svcSeed?: number;
}

export interface SapSamplingOptions extends SapOptions {
  /** Training points. @default 10000 */
  readonly numTrain?: number;
  /** Test points (used for discrete factors). @default 5000 */
  readonly numTest?: number;
  /** Images per representation call. @default 64 */
  readonly batchSize?: number;
  /** Seed of the factor sampler. @default 0 */
  readonly seed?: number;
}

export interface SapResult {
  readonly sap: number;
}

export interface SapDetails extends SapResult {
  /** `[code][factor]` scores. */
  readonly scoreMatrix: Float64Array[];
}

function squaredCorrelation(z: Float64Array, y: Float64Array): number {
  const mz = mean(z);
  const my = mean(y);
  let szz = 0;
  let syy = 0;
  let szy = 0;
  for (let t = 0; t < z.length; t++) {
    const a = z[t] - mz;
    const b = y[t] - my;
    szz += a * a;
    syy += b * b;
    szy += a * b;
  }
  const n1 = z.length - 1;
  const varZ = szz / n1;
  const varY = syy / n1;
  const cov = szy / n1;
  if (!(varZ > 1e-12) || !(varY > 0)) return 0;
  return (cov * cov) / (varZ * varY);
}

/** disentanglement_lib's `compute_score_matrix`; all inputs points x dims. */
export function sapScoreMatrix(
  codes: Matrix, factors: Matrix, codesTest: Matrix, factorsTest: Matrix, options: SapOptions = {},
): Float64Array[] {
  if (codes.length !== factors.length) throw new RangeError('sap: codes and factors differ in length');
  const z = columns(codes, 'sap codes');
  const y = columns(factors, 'sap factors');
  const continuous = options.continuousFactors ?? false;
  if (continuous) return z.map((zi) => Float64Array.from(y, (yj) => squaredCorrelation(zi, yj)));
  if (codesTest.length !== factorsTest.length) throw new RangeError('sap: test codes and factors differ in length');
  const zTest = columns(codesTest, 'sap test codes');
  const yTest = columns(factorsTest, 'sap test factors');
  return z.map((zi, i) => {
    const xTrain = Array.from(zi, (v) => [v]);
    const xTest = Array.from(zTest[i], (v) => [v]);
    return Float64Array.from(y, (yj, j) => {
      if (new Set(yj).size < 2) return 0; // one class: nothing to separate, sklearn would throw
      const model = fitLinearSvc(xTrain, yj, {
        C: options.svcC ?? 0.01, classWeight: 'balanced', seed: options.svcSeed ?? 0,
      });
      const pred = predictLinearSvc(model, xTest);
      let hits = 0;
      for (let t = 0; t < pred.length; t++) if (pred[t] === yTest[j][t]) hits++;
      return hits / pred.length;
    });
  });
}

/** Held-out codes and factors (points x dims) for the discrete-factor classifiers. */
export interface SapTestSplit {
  readonly codes: Matrix;
  readonly factors: Matrix;
}

/**
 * SAP from codes and factors (points x dims). Discrete factors (the default) need `test`, the
 * split the SVC accuracy is measured on; continuous factors ignore it, as in the reference.
 */
export function sapFromCodes(
  codes: Matrix, factors: Matrix, options: SapOptions & { readonly test?: SapTestSplit } = {},
): SapDetails {
  const continuous = options.continuousFactors ?? false;
  if (!continuous && !options.test) {
    throw new RangeError('sap: discrete factors need a test split ({ test: { codes, factors } })');
  }
  const test = options.test ?? { codes, factors };
  const scoreMatrix = sapScoreMatrix(codes, factors, test.codes, test.factors, options);
  if (scoreMatrix.length < 2) throw new RangeError('sap: needs at least two code dimensions');
  return { sap: meanTopTwoGap(scoreMatrix), scoreMatrix };
}

/** SAP of a representation on points drawn from the dataset's factor space. */
export async function sap(
  dataset: ImageDataset, represent: RepresentationFn, options: SapSamplingOptions = {},
): Promise<SapResult> {
  const space = requireFactors(dataset, 'sap');
  const rng = createRng(options.seed ?? 0);
  const batch = options.batchSize ?? 64;
  const train = await generateFactorCodes(space, represent, options.numTrain ?? 10_000, rng, batch);
  const continuous = options.continuousFactors ?? false;
  // The reference samples the test set even for continuous factors; skip it when unused.
  const test = continuous ? train : await generateFactorCodes(space, represent, options.numTest ?? 5_000, rng, batch);
  return { sap: sapFromCodes(train.codes, train.factors, { ...options, test }).sap };
}
