/**
 * The disentanglement suite: every disentanglement metric of disentanglement_lib's unsupervised
 * study with one sample budget (`budgets.ts`), in one record.
 *
 * Codes shared: the metrics that read independent (code, factor) points — MIG, SAP, DCI, IRS,
 * modularity and explicitness, the unsupervised scores and the downstream task — read them from
 * one pool drawn once, each taking its train points from the front and its test points from
 * behind them. disentanglement_lib draws fresh points for every metric; each metric still sees
 * independent uniform draws, so its definition is unchanged, but the metrics are no longer
 * independent of one another. The beta-VAE and FactorVAE scores draw their own structured
 * batches (pairs or groups sharing a factor).
 */
import { createRng } from '@vaelab/core';
import type { ImageDataset } from '@vaelab/core';
import { betaVaeScore } from './beta-vae-score.ts';
import { disentanglementBudgets } from './budgets.ts';
import type { BudgetName, DisentanglementBudget } from './budgets.ts';
import { dciFromCodes } from './dci.ts';
import { downstreamAccuracy } from './downstream-task.ts';
import { factorVaeScore } from './factor-vae-score.ts';
import { irsFromCodes } from './irs.ts';
import type { Row } from './matrix.ts';
import { migFromCodes } from './mig.ts';
import { modularityExplicitnessFromCodes } from './modularity-explicitness.ts';
import { IMAGES_PER_CALL, generateFactorCodes, requireFactors } from './sampling.ts';
import type { RepresentationFn } from './sampling.ts';
import { sapFromCodes } from './sap.ts';
import { unsupervisedFromCodes } from './unsupervised.ts';

/** The metrics of the suite, in the order it runs them (the names its progress reports). */
export const SUITE_METRICS = ['codes', 'mig', 'sap', 'dci', 'irs', 'modularity', 'unsupervised', 'downstream', 'beta_vae', 'factor_vae'] as const;

/** Named scores of every metric. */
export type DisentanglementScores = Record<string, number>;

/** Told before each metric of the suite starts (`index` of `total`, 0-based). */
export type SuiteProgress = (metric: (typeof SUITE_METRICS)[number], index: number, total: number) => void;

/** Points the pool must hold: the largest train + test need of the metrics reading it. */
function poolSize(p: DisentanglementBudget): number {
  const downstreamTrain = Math.max(...(p.downstream.numTrain ?? [10, 100, 1000, 10_000]));
  return Math.max(
    p.mig.numTrain ?? 10_000,
    (p.sap.numTrain ?? 10_000) + (p.sap.continuousFactors ? 0 : p.sap.numTest ?? 5000),
    (p.dci.numTrain ?? 10_000) + (p.dci.numTest ?? 5000),
    p.irs.numTrain ?? 10_000,
    (p.modularity.numTrain ?? 10_000) + (p.modularity.numTest ?? 5000),
    p.unsupervised.numTrain ?? 10_000,
    downstreamTrain + (p.downstream.numTest ?? 5000),
  );
}

/**
 * Runs every disentanglement metric with one sample budget (a name or explicit options) and returns
 * their named numbers in one record (`downstream_<lr|gbt>_<size>_*` for the downstream task).
 */
export async function disentanglementSuite(
  dataset: ImageDataset, represent: RepresentationFn, budget: BudgetName | DisentanglementBudget = 'full', onProgress?: SuiteProgress,
): Promise<DisentanglementScores> {
  const space = requireFactors(dataset, 'disentanglementSuite');
  const p = typeof budget === 'string' ? disentanglementBudgets[budget] : budget;
  const total = SUITE_METRICS.length;
  const step = (metric: (typeof SUITE_METRICS)[number]): void => onProgress?.(metric, SUITE_METRICS.indexOf(metric), total);

  step('codes');
  const pool = await generateFactorCodes(space, represent, poolSize(p), createRng(0), IMAGES_PER_CALL) // seed 0, each metric's default;
  const front = (n: number): { codes: Row[]; factors: Row[] } => ({ codes: pool.codes.slice(0, n), factors: pool.factors.slice(0, n) });
  const behind = (from: number, n: number): { codes: Row[]; factors: Row[] } => ({ codes: pool.codes.slice(from, from + n), factors: pool.factors.slice(from, from + n) });
  const out: DisentanglementScores = {};

  step('mig');
  const mig = front(p.mig.numTrain ?? 10_000);
  out.mig = migFromCodes(mig.codes, mig.factors, p.mig).mig;

  step('sap');
  const sapTrain = front(p.sap.numTrain ?? 10_000);
  const sapTest = p.sap.continuousFactors ? sapTrain : behind(sapTrain.codes.length, p.sap.numTest ?? 5000);
  out.sap = sapFromCodes(sapTrain.codes, sapTrain.factors, { ...p.sap, test: sapTest }).sap;

  step('dci');
  const dciTrain = front(p.dci.numTrain ?? 10_000);
  const dciTest = behind(dciTrain.codes.length, p.dci.numTest ?? 5000);
  const { importanceMatrix: _, ...dci } = dciFromCodes(dciTrain.codes, dciTrain.factors, dciTest.codes, dciTest.factors, p.dci);
  Object.assign(out, dci);

  step('irs');
  const irsPoints = front(p.irs.numTrain ?? 10_000);
  const { irsMatrix: __, ...irs } = irsFromCodes(irsPoints.codes, irsPoints.factors, p.irs);
  Object.assign(out, irs);

  step('modularity');
  const modTrain = front(p.modularity.numTrain ?? 10_000);
  const modTest = behind(modTrain.codes.length, p.modularity.numTest ?? 5000);
  Object.assign(out, modularityExplicitnessFromCodes(modTrain.codes, modTrain.factors, modTest.codes, modTest.factors, p.modularity));

  step('unsupervised');
  Object.assign(out, unsupervisedFromCodes(front(p.unsupervised.numTrain ?? 10_000).codes, p.unsupervised));

  step('downstream');
  const sizes = p.downstream.numTrain ?? [10, 100, 1000, 10_000];
  const downstreamTest = behind(Math.max(...sizes), p.downstream.numTest ?? 5000);
  for (const size of sizes) {
    const train = front(size);
    for (const kind of p.downstream.predictors ?? ['lr', 'gbt']) {
      const r = downstreamAccuracy(kind, train.codes, train.factors, downstreamTest.codes, downstreamTest.factors, p.downstream);
      out[`downstream_${kind}_${size}_train_accuracy`] = r.trainAccuracy;
      out[`downstream_${kind}_${size}_test_accuracy`] = r.testAccuracy;
      out[`downstream_${kind}_${size}_min_test_accuracy`] = r.minTestAccuracy;
    }
  }

  step('beta_vae');
  Object.assign(out, await betaVaeScore(dataset, represent, p.betaVae));
  step('factor_vae');
  Object.assign(out, await factorVaeScore(dataset, represent, p.factorVae));
  return out;
}
