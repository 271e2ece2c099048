/**
 * One call for every model-level metric that applies to a model and a dataset, with two sample
 * budgets (`quick`, `full`; the sweep's profile picks one, see `@vaelab/experiments`):
 *
 * | group | what | quick | full |
 * |---|---|---|---|
 * | collapse | KL per dim, active units, I(x; z) (`collapse.ts`) | 1,000 test examples | 10,000 |
 * | quality | IWAE log-likelihood (`iwae.ts`) | k = 100 on 500 examples | k = 5,000 (Burda et al.) on 10,000 |
 * | quality | Fréchet distances, precision/recall, conditional accuracy (`sample-quality.ts`) | 1,000 images each | 10,000 |
 * | disentanglement | the five-metric suite (`disentanglement.ts`) | `disentanglementBudgets.quick` | `disentanglementBudgets.full` (disentanglement_lib) |
 *
 * Counts are capped by the test split (embedded MNIST has 2,000 test digits). Disentanglement
 * runs only on a dataset with ground-truth factors; conditional accuracy only for a
 * conditional model. Every number is measured on the test split.
 */
import type { VaeModel, DatasetSplit } from '@vaelab/core';
import type { BudgetName } from '../budgets.ts';
import { SUITE_METRICS } from '../disentanglement-suite.ts';
import { featureClassifier } from './classifier-cache.ts';
import type { LoadedClassifier } from './classifier-cache.ts';
import { collapseMetrics } from './collapse.ts';
import { modelDisentanglement } from './disentanglement.ts';
import { IWAE_FULL, IWAE_QUICK, iwaeLogLikelihood } from './iwae.ts';
import { sampleQuality } from './sample-quality.ts';

/** The metric groups of {@link measure}. */
export type MetricGroup = 'collapse' | 'quality' | 'disentanglement';
export const METRIC_GROUPS: readonly MetricGroup[] = ['collapse', 'quality', 'disentanglement'];

/** The sample sizes of one budget. */
export interface MeasureBudget {
  /** Test examples of the collapse metrics. */
  readonly collapseExamples: number;
  /** Importance samples and examples of the IWAE log-likelihood. */
  readonly iwae: { readonly k: number; readonly examples: number };
  /** Generated samples, reconstructions and real images of the sample-quality metrics. */
  readonly qualitySamples: number;
  /** Budget of the disentanglement suite. */
  readonly disentanglement: BudgetName;
}

/** The quick (sweeps, monitoring) and full (reporting) budgets; see the table above. */
export const MEASURE_BUDGETS: Readonly<Record<BudgetName, MeasureBudget>> = {
  quick: { collapseExamples: 1000, iwae: IWAE_QUICK, qualitySamples: 1000, disentanglement: 'quick' },
  full: { collapseExamples: 10_000, iwae: IWAE_FULL, qualitySamples: 10_000, disentanglement: 'full' },
};

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Groups to run (those that do not apply are skipped). @default all three */
  groups?: readonly MetricGroup[];
  /** Sample sizes: `quick` for sweeps and monitoring, `full` for the papers' counts. @default 'quick' */
  budget?: BudgetName;
  /** Cache directory of the feature classifiers. @default `.vaelab/classifiers` at the repository root */
  classifierDir?: string;
  /** Seed of every draw. @default 0 */
  seed?: number;
  /**
   * Told when a stage starts, with its position among the stages that will run
   * ({@link measureStages}: `collapse`, `IWAE`, `classifier`, `sample quality`, then one per
   * disentanglement metric, `disentanglement: mig` and so on).
   */
  onStage?: (stage: string, position: { index: number; total: number }) => void;
  /** Receives the feature classifier used (its accuracy, cache path, whether it was cached). */
  onClassifier?: (loaded: LoadedClassifier) => void;
}

/** Which groups apply to `split` (disentanglement needs factors). */
export function applicableGroups(split: DatasetSplit, groups: readonly MetricGroup[] = METRIC_GROUPS): MetricGroup[] {
  return groups.filter((g) => g !== 'disentanglement' || split.test.factors !== undefined);
}

/** The stages {@link measure} runs for these groups, in order (what `onStage` names). */
export function measureStages(split: DatasetSplit, groups: readonly MetricGroup[] = METRIC_GROUPS): string[] {
  const applied = applicableGroups(split, groups);
  return [
    ...(applied.includes('collapse') ? ['collapse'] : []),
    ...(applied.includes('quality') ? ['IWAE', 'classifier', 'sample quality'] : []),
    ...(applied.includes('disentanglement') ? SUITE_METRICS.map((m) => `disentanglement: ${m.replace('_', '-')}`) : []),
  ];
}

/** Every applicable metric of `model` on `split.test`, by the store's names. */
export async function measure(model: VaeModel, split: DatasetSplit, options: MeasureOptions = {}): Promise<Record<string, number>> {
  const budget = MEASURE_BUDGETS[options.budget ?? 'quick'];
  const seed = options.seed ?? 0;
  const groups = applicableGroups(split, options.groups);
  const stages = measureStages(split, groups);
  const stage = (name: string): void => options.onStage?.(name, { index: stages.indexOf(name), total: stages.length });
  const out: Record<string, number> = {};
  if (groups.includes('collapse')) {
    stage('collapse');
    Object.assign(out, collapseMetrics(model, split.test, { examples: budget.collapseExamples, seed }));
  }
  if (groups.includes('quality')) {
    stage('IWAE');
    Object.assign(out, iwaeLogLikelihood(model, split.test, { ...budget.iwae, seed }));
    stage('classifier');
    const loaded = await featureClassifier(split, { ...(options.classifierDir === undefined ? {} : { dir: options.classifierDir }) });
    options.onClassifier?.(loaded);
    try {
      stage('sample quality');
      Object.assign(out, sampleQuality(model, split.test, { classifier: loaded.classifier, samples: budget.qualitySamples, seed }));
    } finally {
      loaded.classifier.dispose();
    }
  }
  if (groups.includes('disentanglement')) {
    Object.assign(out, await modelDisentanglement(model, split.test, budget.disentanglement, (metric) => stage(`disentanglement: ${metric.replace('_', '-')}`)));
  }
  return out;
}
