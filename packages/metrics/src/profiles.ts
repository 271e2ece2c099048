/**
 * Sample-size profiles of the five disentanglement metrics and a suite that runs them all.
 *
 * `full` is disentanglement_lib's `unsupervised_study_v1` metric configuration. `quick` keeps
 * every estimator and learner but shrinks the sample counts (and DCI's boosting stages) so the
 * five metrics together take well under a minute on one core for a representation costing
 * ~0.1 ms per image; quick numbers are for monitoring and smoke tests, not for comparison with
 * published scores.
 */
import type { ImageDataset } from '@vaelab/core';
import { betaVaeScore } from './beta-vae-score.ts';
import type { BetaVaeScoreOptions } from './beta-vae-score.ts';
import { dci } from './dci.ts';
import type { DciSamplingOptions } from './dci.ts';
import { factorVaeScore } from './factor-vae-score.ts';
import type { FactorVaeScoreOptions } from './factor-vae-score.ts';
import { mig } from './mig.ts';
import type { MigSamplingOptions } from './mig.ts';
import type { RepresentationFn } from './sampling.ts';
import { sap } from './sap.ts';
import type { SapSamplingOptions } from './sap.ts';

export interface DisentanglementProfile {
  readonly mig: MigSamplingOptions;
  readonly sap: SapSamplingOptions;
  readonly dci: DciSamplingOptions;
  readonly betaVae: BetaVaeScoreOptions;
  readonly factorVae: FactorVaeScoreOptions;
}

export type ProfileName = 'full' | 'quick';

export const profiles: Readonly<Record<ProfileName, DisentanglementProfile>> = {
  full: {
    mig: { numTrain: 10_000, numBins: 20, batchSize: 64 },
    sap: { numTrain: 10_000, numTest: 5_000, continuousFactors: false, batchSize: 64 },
    dci: { numTrain: 10_000, numTest: 5_000, batchSize: 64 },
    betaVae: { batchSize: 64, numTrain: 10_000, numEval: 5_000 },
    factorVae: { batchSize: 64, numTrain: 10_000, numEval: 5_000, numVarianceEstimate: 10_000, pruneThreshold: 0.05 },
  },
  quick: {
    mig: { numTrain: 2_000, numBins: 20, batchSize: 250 },
    sap: { numTrain: 2_000, numTest: 1_000, continuousFactors: false, batchSize: 250 },
    dci: { numTrain: 1_000, numTest: 500, batchSize: 250, boosting: { numStages: 30 } },
    betaVae: { batchSize: 64, numTrain: 400, numEval: 200 },
    factorVae: { batchSize: 64, numTrain: 400, numEval: 200, numVarianceEstimate: 2_000, pruneThreshold: 0.05 },
  },
};

/** Named scores of all five metrics. */
export type DisentanglementScores = Record<string, number>;

/**
 * Runs MIG, SAP, DCI, the beta-VAE score and the FactorVAE score with one profile (a name or
 * explicit options) and returns their named numbers in one record.
 */
export async function disentanglementSuite(
  dataset: ImageDataset, represent: RepresentationFn, profile: ProfileName | DisentanglementProfile = 'full',
): Promise<DisentanglementScores> {
  if (!dataset.factors) {
    throw new Error(`disentanglementSuite: dataset '${dataset.name}' has no ground-truth factors`);
  }
  const p = typeof profile === 'string' ? profiles[profile] : profile;
  return {
    ...(await mig(dataset, represent, p.mig)),
    ...(await sap(dataset, represent, p.sap)),
    ...(await dci(dataset, represent, p.dci)),
    ...(await betaVaeScore(dataset, represent, p.betaVae)),
    ...(await factorVaeScore(dataset, represent, p.factorVae)),
  };
}
