import { ConfigError, baseVaeConfigSchema, binarizationFor, evaluateModel, minibatchIssues, totalSteps } from '@vaelab/core';
import type { BaseVAE, FieldIssue, FitResult, VariantDescriptor } from '@vaelab/core';
import { VARIANTS, variantByName } from '@vaelab/experiments/variants';
import { UsageError, UserError, choiceFlag } from '../command.ts';
import type { Command, OptionSpec, ParsedArgs } from '../command.ts';
import { commandSummaries } from './summaries.ts';
import { trainingProgress } from '../progress-bar.ts';
import { applyVariantFlags, variantFlagOptions } from '../variant-flags.ts';
import { applyConfigFlags, configFlagOptions, issuesByFlag } from '../config-flags.ts';
import { issueByTrainingFlag, trainingConfigFromFlags, trainingFlagOptions } from '../training-flags.ts';
import { DATA_OPTIONS, backendFromFlags, datasetFromFlags, loadDatasetOrExit, selectBackendOrExit } from '../data-flags.ts';

/**
 * dSprites has 737,280 images: ten epochs would take days on a CPU, so without --epochs a
 * dSprites run takes this many steps, as the README's examples do.
 */
const DSPRITES_STEPS = 5000;

/**
 * Flags of the run itself; the model config's flags come from the variants' schemas
 * (config-flags.ts, variant-flags.ts), the training config's from core's (training-flags.ts).
 */
const RUN_OPTIONS: Record<string, OptionSpec> = {
  variant: { type: 'string', description: `model variant: ${VARIANTS.map((v) => v.name).join(', ')}`, default: VARIANTS[0].name },
  ...DATA_OPTIONS,
  out: { type: 'string', description: 'write the trained model to this file' },
  'dry-run': { type: 'boolean', description: 'print the model and training configs the flags give (every default filled in) and the step count, then stop' },
};

/** The likelihoods of the model config, for the binarization each implies. */
const LIKELIHOODS = baseVaeConfigSchema.shape.likelihood.removeDefault().options;

/** What `vaelab train` does beyond the training schema's defaults. */
const TRAINING_NOTES = {
  epochs: `dSprites: --steps ${DSPRITES_STEPS}`,
  binarization: `by --likelihood: ${LIKELIHOODS.map((likelihood) => `${likelihood} ${binarizationFor(likelihood)}`).join(', ')}`,
};

/** `path: message` lines of issues (main prefixes each with the command). */
const formatIssueLines = (issues: readonly FieldIssue[]): string => issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n');

/** The partial config the flags give: only what the user set, so that the variant's schema fills every default. */
function configFromFlags(args: ParsedArgs, variant: VariantDescriptor): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  applyConfigFlags(args, config);
  applyVariantFlags(args, variant, VARIANTS, config);
  return config;
}

/** Builds the model; a config the schema refuses is a usage error naming the flags that set it. */
function createModel(variant: VariantDescriptor, partial: Record<string, unknown>): BaseVAE {
  try {
    return variant.create(partial);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(formatIssueLines(issuesByFlag(error.issues, variant)));
    throw new UserError((error as Error).message, 2);
  }
}

function report(result: FitResult): string {
  const lines = [`backend ${result.backend}: ${result.steps} steps in ${result.seconds.toFixed(1)} s (${Math.round(result.samplesPerSecond).toLocaleString('en-US')} samples/s), status ${result.status}`];
  if (result.divergedAt) lines.push(`diverged at step ${result.divergedAt.step}: ${result.divergedAt.message}`);
  if (result.test) {
    const t = result.test;
    const active = t.klPerDim.filter((v) => v > 0.01).length;
    lines.push(
      `test (${t.examples} examples): ELBO ${t.elbo.toFixed(2)} nats  (-ELBO ${(-t.elbo).toFixed(2)})`,
      `  reconstruction ${t.reconstruction.toFixed(2)}  KL ${t.kl.toFixed(2)}  dimensions with KL > 0.01 nats: ${active}/${t.klPerDim.length}`,
    );
    if (t.klPerLayer) lines.push(`  KL per layer: ${t.klPerLayer.map((v, i) => `layer${i + 1} ${v.toFixed(2)}`).join('  ')}`);
  }
  return lines.join('\n');
}

/** `vaelab train`: trains one model with a progress bar and prints the held-out ELBO, reconstruction and KL. */
export const trainCommand: Command = {
  name: 'train',
  summary: commandSummaries.train,
  usage: '[--variant vae] [--dataset mnist] [options]',
  options: { ...RUN_OPTIONS, ...trainingFlagOptions(TRAINING_NOTES), ...configFlagOptions(VARIANTS), ...variantFlagOptions(VARIANTS) },
  async run(args) {
    if (args.positionals.length > 0) throw new UsageError(`vaelab train takes no positional arguments, got '${args.positionals[0]}'`);
    const variant = choiceFlag(args, 'variant', VARIANTS.map((v) => v.name), VARIANTS[0].name);
    const { name: datasetName, options } = datasetFromFlags(args);
    const backend = backendFromFlags(args);
    const entry = variantByName(variant);
    const partial = configFromFlags(args, entry);
    // dSprites has 737,280 images: without --epochs or --steps it trains DSPRITES_STEPS steps.
    const dspritesSteps = datasetName === 'dsprites' && args.values.epochs === undefined && args.values.steps === undefined;
    const training = trainingConfigFromFlags(args, dspritesSteps ? { steps: DSPRITES_STEPS } : {});

    const data = loadDatasetOrExit(datasetName, options);
    partial.inputShape = [...data.train.shape];
    if (entry.needsLabels) partial.numClasses = data.train.numClasses;
    // The backend before the model: building one would otherwise start TensorFlow.js's default.
    await selectBackendOrExit(backend);
    const model = createModel(entry, partial);
    // The binarization the likelihood implies, filled in so that the dry run shows what will run.
    training.binarization = binarizationFor(model.config.likelihood, training.binarization);
    let schedule: ReturnType<typeof totalSteps>;
    try {
      const tooLarge = minibatchIssues(training.batchSize, model.config.inputShape);
      if (tooLarge.length > 0) throw new ConfigError(tooLarge, 'training config');
      schedule = totalSteps(training, data.train.size);
    } catch (error) {
      model.dispose();
      if (error instanceof ConfigError) throw new UsageError(formatIssueLines(error.issues.map(issueByTrainingFlag)));
      throw error;
    }
    const { batch, stepsPerEpoch } = schedule;
    if (args.values['dry-run'] === true) {
      console.log(JSON.stringify({ variant, config: model.config, training, steps: schedule.totalSteps, batch }, null, 2));
      model.dispose();
      return 0;
    }
    console.log(`training ${variant} on ${data.train.name} (${data.train.size} examples, ${data.train.shape.join('x')}), test ${data.test.name}: ${schedule.totalSteps} steps of ${batch}`);
    const bar = trainingProgress(process.stdout, { stepsPerEpoch, batchSize: batch });
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    let trained: FitResult;
    try {
      trained = await model.fit(data.train, { ...training, signal: controller.signal, onStep: (info) => bar.update(info) });
    } finally {
      // Also when fit throws: the bar's redraw timer would otherwise keep the process alive.
      process.off('SIGINT', stop);
      bar.done();
    }
    // The held-out evaluation runs after the bar, named, so the bar does not sit at its last step.
    let result = trained;
    if (trained.status !== 'diverged') {
      const examples = Math.min(data.test.size, training.evalExamples);
      console.log(`measuring the held-out ELBO on ${examples === data.test.size ? 'all' : 'a random sample of'} ${examples.toLocaleString('en-US')} of ${data.test.size.toLocaleString('en-US')} test examples`);
      result = { ...trained, test: evaluateModel(model, data.test, { maxExamples: examples, binarization: training.binarization }) };
    }
    console.log(report(result));
    const out = args.values.out;
    if (out !== undefined && result.status !== 'diverged') {
      await model.save(String(out));
      console.log(`model written to ${String(out)}`);
    }
    model.dispose();
    return result.status === 'completed' ? 0 : result.status === 'interrupted' ? 130 : 1;
  },
};
