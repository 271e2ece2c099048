import { binarizationFor, evaluateModel, heldOutSample, parseTrainingConfig, selectBackend } from '@vaelab/core';
import type { BackendChoice, BaseVAE, DatasetSplit, StepTerms } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import type { DatasetName } from '@vaelab/datasets';
import { measure, measureStages } from '@vaelab/metrics';
import type { LoadedClassifier } from '@vaelab/metrics';
import type { RunContext, RunOutcome, RunSpec } from '../runner/types.ts';
import { variantByName } from '../variants/registry.ts';
import { imageArtifacts, latentScatter } from './artifacts.ts';
import { measureBudgetOf, runOptionsSchema, splitParams } from './run-options.ts';
import type { RunOptions } from './run-options.ts';
import { trainingSummaries } from './training-summaries.ts';

/** A worker runs many runs on the same data: load each dataset once per process. */
const datasets = new Map<string, DatasetSplit>();

function dataFor(name: string, options: RunOptions): DatasetSplit {
  const key = JSON.stringify([name, options.imageSize, options.dataDir ?? null]);
  let split = datasets.get(key);
  if (!split) {
    split = loadDataset(name as DatasetName, { size: options.imageSize, ...(options.dataDir ? { dir: options.dataDir } : {}) });
    datasets.set(key, split);
  }
  return split;
}

/** Training-series values of one step under the store's keys. */
function seriesOf(terms: StepTerms): Record<string, number> {
  const values: Record<string, number> = {
    loss: terms.loss, elbo: terms.elbo, reconstruction: terms.reconstruction, kl: terms.kl, grad_norm: terms.gradNorm,
  };
  terms.klPerLayer?.forEach((v, i) => (values[`kl/layer${i + 1}`] = v));
  return values;
}

/** Metric groups named in sweeps map onto the groups `measure` understands. */
const MEASURED_GROUPS = ['collapse', 'quality', 'disentanglement'] as const;

/**
 * Trains one run of a sweep and measures it: the variant from the registration list, the
 * dataset from the registry, the training config from the run's training parameters (held-out
 * set: a seeded random sample of `evalExamples`; the training series every `logEvery` steps), the held-out terms, the metric groups of the sweep, image grids,
 * the latent scatter and the final checkpoint.
 */
export async function execute(spec: RunSpec, ctx: RunContext): Promise<RunOutcome> {
  const { options: rawOptions, training: rawTraining, config } = splitParams(spec.params);
  const options = runOptionsSchema.parse(rawOptions) as RunOptions;
  ctx.setBackend(await selectBackend(options.backend as BackendChoice));
  const data = dataFor(spec.dataset, options);
  const entry = variantByName(spec.variant);
  const training = parseTrainingConfig(rawTraining);
  // One seeded sample of the test split; the metrics draw theirs with the same seed, so their
  // smaller budgets read a prefix of these examples.
  const test = heldOutSample(data.test, { maxExamples: training.evalExamples, seed: spec.seed });
  const model: BaseVAE = entry.create({
    ...config,
    inputShape: [...data.train.shape],
    seed: spec.seed,
    ...(entry.needsLabels ? { numClasses: data.train.numClasses } : {}),
  });
  training.binarization = binarizationFor(model.config.likelihood, training.binarization);
  try {
    let gradNormMax = 0;
    const result = await model.fit(data.train, {
      ...training,
      signal: ctx.signal,
      onStep: (info) => {
        gradNormMax = Math.max(gradNormMax, info.terms.gradNorm);
        ctx.logSeries(info.step + 1, seriesOf(info.terms));
        ctx.progress({ step: info.step + 1, totalSteps: info.totalSteps, loss: info.terms.loss });
      },
    });
    const summaries = trainingSummaries(result, gradNormMax);
    if (result.status === 'diverged') {
      ctx.setSummaries(summaries);
      return { status: 'diverged', step: result.divergedAt!.step, message: result.divergedAt!.message };
    }
    if (result.status === 'interrupted' || ctx.signal.aborted) return { status: 'completed' }; // the worker records it as interrupted
    // The measuring phase, stage by stage in the progress display: the held-out terms, then the
    // sweep's metric groups.
    const groups = spec.metrics.filter((g): g is (typeof MEASURED_GROUPS)[number] => (MEASURED_GROUPS as readonly string[]).includes(g));
    const stageCount = 1 + (groups.length > 0 ? measureStages(data, groups).length : 0);
    const report = (stage: string, stageIndex: number): void => ctx.progress({ step: result.steps, totalSteps: result.steps, stage, stageIndex, stageCount });
    const measuringStarted = performance.now();
    report('held-out ELBO', 0);
    const t = evaluateModel(model, test, { maxExamples: training.evalExamples, binarization: training.binarization });
    ctx.logSeries(result.steps, { 'test/elbo': t.elbo, 'test/reconstruction': t.reconstruction, 'test/kl': t.kl });
    const budget = measureBudgetOf(options, spec.profile);
    // The metrics draw their own random examples from the whole split (dSprites is ordered by factor).
    // The classifier's own held-out accuracy (head 0, the dataset's label) is the ceiling of the conditional accuracy.
    const onClassifier = (loaded: LoadedClassifier): void => { summaries.classifier_accuracy = loaded.accuracy[loaded.classifier.heads[0].name]; };
    if (groups.length > 0) {
      Object.assign(summaries, await measure(model, data, { groups, budget, seed: spec.seed, onClassifier, onStage: (stage, at) => report(stage, 1 + at.index) }));
    }
    summaries.measure_seconds = (performance.now() - measuringStarted) / 1000;
    // The held-out terms come last: loss, elbo, reconstruction and KL stay from one evaluation.
    Object.assign(summaries, { loss: t.loss, elbo: t.elbo, reconstruction: t.reconstruction, kl: t.kl });
    t.klPerDim.forEach((v, j) => (summaries[`kl/dim${j}`] = v));
    t.klPerLayer?.forEach((v, i) => (summaries[`kl/layer${i + 1}`] = v));
    ctx.setSummaries(summaries);

    for (const artifact of imageArtifacts(model, test, spec.seed)) ctx.addArtifact(artifact.name, artifact.kind, artifact.mime, artifact.bytes);
    const scatter = latentScatter(model, test, t.klPerDim);
    ctx.addArtifact(scatter.name, scatter.kind, scatter.mime, scatter.bytes);
    ctx.addArtifact('checkpoint', 'checkpoint', 'application/octet-stream', model.toBytes());
    return { status: 'completed' };
  } finally {
    model.dispose();
  }
}
