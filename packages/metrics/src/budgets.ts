/**
 * Sample budgets of the disentanglement metrics: how many points, batches and boosting stages
 * each metric of the suite (`disentanglement-suite.ts`) spends.
 *
 * `full` is disentanglement_lib's `unsupervised_study_v1` metric configuration. `quick` keeps
 * every estimator and learner but shrinks the sample counts (and the boosting stages of DCI and
 * the downstream task's trees, and the downstream task's training sizes to 10 and 100 with
 * 1,000 test points: its cross-validated logistic regression costs about 30 s of one core at
 * 1,000 training points) so the whole suite takes seconds on one core; quick numbers are for
 * monitoring and smoke tests, not for comparison with published scores.
 *
 * "Budget", not "profile": in vaelab a profile is only a sweep file's named variant (`quick`,
 * `full`), which picks a budget among other things.
 */
import type { BetaVaeScoreOptions } from './beta-vae-score.ts';
import type { DciSamplingOptions } from './dci.ts';
import type { DownstreamSamplingOptions } from './downstream-task.ts';
import type { FactorVaeScoreOptions } from './factor-vae-score.ts';
import type { IrsSamplingOptions } from './irs.ts';
import type { MigSamplingOptions } from './mig.ts';
import type { ModularityExplicitnessSamplingOptions } from './modularity-explicitness.ts';
import type { SapSamplingOptions } from './sap.ts';
import type { UnsupervisedSamplingOptions } from './unsupervised.ts';

/** Sampling options of every metric of the disentanglement suite. */
export interface DisentanglementBudget {
  readonly mig: MigSamplingOptions;
  readonly sap: SapSamplingOptions;
  readonly dci: DciSamplingOptions;
  readonly betaVae: BetaVaeScoreOptions;
  readonly factorVae: FactorVaeScoreOptions;
  readonly irs: IrsSamplingOptions;
  readonly modularity: ModularityExplicitnessSamplingOptions;
  readonly unsupervised: UnsupervisedSamplingOptions;
  readonly downstream: DownstreamSamplingOptions;
}

/** The named budgets. */
export type BudgetName = 'full' | 'quick';

/** `full`: disentanglement_lib's study configuration; `quick`: smaller counts for monitoring (see above). */
export const disentanglementBudgets: Readonly<Record<BudgetName, DisentanglementBudget>> = {
  full: {
    mig: { numTrain: 10_000, numBins: 20, batchSize: 64 },
    sap: { numTrain: 10_000, numTest: 5_000, continuousFactors: false, batchSize: 64 },
    dci: { numTrain: 10_000, numTest: 5_000, batchSize: 64 },
    betaVae: { batchSize: 64, numTrain: 10_000, numEval: 5_000 },
    factorVae: { batchSize: 64, numTrain: 10_000, numEval: 5_000, numVarianceEstimate: 10_000, pruneThreshold: 0.05 },
    irs: { numTrain: 10_000, diffQuantile: 0.99, numBins: 20, batchSize: 16 },
    modularity: { numTrain: 10_000, numTest: 5_000, numBins: 20, batchSize: 16 },
    unsupervised: { numTrain: 10_000, numBins: 20, batchSize: 16 },
    downstream: { numTrain: [10, 100, 1_000, 10_000], numTest: 5_000, batchSize: 16 },
  },
  quick: {
    mig: { numTrain: 2_000, numBins: 20, batchSize: 250 },
    sap: { numTrain: 2_000, numTest: 1_000, continuousFactors: false, batchSize: 250 },
    dci: { numTrain: 1_000, numTest: 500, batchSize: 250, boosting: { numStages: 30 } },
    betaVae: { batchSize: 64, numTrain: 400, numEval: 200 },
    factorVae: { batchSize: 64, numTrain: 400, numEval: 200, numVarianceEstimate: 2_000, pruneThreshold: 0.05 },
    irs: { numTrain: 2_000, diffQuantile: 0.99, numBins: 20, batchSize: 250 },
    modularity: { numTrain: 2_000, numTest: 1_000, numBins: 20, batchSize: 250, logistic: { tol: 1e-4, maxIter: 100 } },
    unsupervised: { numTrain: 2_000, numBins: 20, batchSize: 250 },
    downstream: { numTrain: [10, 100], numTest: 1_000, batchSize: 250, boosting: { numStages: 30 } },
  },
};
