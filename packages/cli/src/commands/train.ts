import { ConfigError, HELD_OUT_CAP } from '@vaelab/core';
import type { FitResult, VariantDescriptor } from '@vaelab/core';
import { VARIANTS, variantByName } from '@vaelab/experiments/variants';
import { UsageError, UserError, choiceFlag, intFlag, numberFlag } from '../command.ts';
import type { Command, OptionSpec, ParsedArgs } from '../command.ts';
import { trainingProgress } from '../progress-bar.ts';
import { applyVariantFlags, variantFlagOptions } from '../variant-flags.ts';
import { DATA_OPTIONS, backendFromFlags, datasetFromFlags, loadDatasetOrExit, selectBackendOrExit } from '../data-flags.ts';

/** Flags every variant accepts, mapped onto the shared config. */
const COMMON_OPTIONS: Record<string, OptionSpec> = {
  variant: { type: 'string', description: `model variant: ${VARIANTS.map((v) => v.name).join(', ')}`, default: 'vae' },
  ...DATA_OPTIONS,
  epochs: { type: 'string', description: 'passes over the training set', default: '10 (dSprites: --steps 5000)' },
  steps: { type: 'string', description: 'optimisation steps instead of epochs' },
  seed: { type: 'string', description: 'seed of initialisation, batches and noise', default: 0 },
  out: { type: 'string', description: 'write the trained model to this file' },
  'latent-dim': { type: 'string', description: "latent dimensions (default: the variant's, e.g. 20 for vae)" },
  hidden: { type: 'string', description: "MLP hidden sizes, comma-separated (default: the variant's, e.g. 400 for vae)" },
  arch: { type: 'string', description: 'mlp or conv (disentanglement_lib conv pair; sides divisible by 16)', default: 'mlp' },
  lr: { type: 'string', description: 'Adam learning rate', default: 0.001 },
  'batch-size': { type: 'string', description: 'minibatch size', default: 128 },
  'free-bits': { type: 'string', description: 'free-bits floor per latent dimension, nats', default: 0 },
  'kl-warmup': { type: 'string', description: 'linear KL warm-up over this many steps', default: 0 },
  'clip-norm': { type: 'string', description: 'clip gradients to this global norm' },
  binarization: { type: 'string', description: 'dynamic, static or none', default: 'dynamic' },
  'eval-examples': { type: 'string', description: 'held-out examples evaluated: a seeded random sample of a larger test split', default: HELD_OUT_CAP },
};

function numberList(args: ParsedArgs, name: string): number[] | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const parts = String(raw).split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v))) {
    throw new UsageError(`--${name} must be comma-separated numbers, got '${String(raw)}'`);
  }
  return values;
}

/** Builds the partial config from flags: the shared fields, then the variant's own flags. */
function configFromFlags(args: ParsedArgs, variant: VariantDescriptor): Record<string, unknown> {
  // Only flags the user gave are set: everything else takes the variant's own defaults.
  const config: Record<string, unknown> = { seed: intFlag(args, 'seed', 0, 0) };
  const given = (name: string): boolean => args.values[name] !== undefined;
  if (given('latent-dim')) config.latentDim = intFlag(args, 'latent-dim', 20, 1);
  if (given('lr')) config.learningRate = numberFlag(args, 'lr', 1e-3, 0);
  if (given('batch-size')) config.batchSize = intFlag(args, 'batch-size', 128, 1);
  if (given('free-bits')) config.freeBits = numberFlag(args, 'free-bits', 0, 0);
  const arch = choiceFlag(args, 'arch', ['mlp', 'conv'] as const, 'mlp');
  if (arch === 'conv') config.architecture = { kind: 'conv' };
  else if (given('hidden') || given('arch')) config.architecture = { kind: 'mlp', hidden: numberList(args, 'hidden') ?? [400] };
  const warmup = intFlag(args, 'kl-warmup', 0, 0);
  if (warmup > 0) config.klSchedule = { kind: 'linear', steps: warmup };
  if (args.values['clip-norm'] !== undefined) config.gradientClipNorm = numberFlag(args, 'clip-norm', 1, 0);
  applyVariantFlags(args, variant, VARIANTS, config);
  return config;
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
  summary: 'Train one model and print its held-out ELBO, reconstruction and KL',
  usage: '[--variant vae] [--dataset mnist] [options]',
  options: { ...COMMON_OPTIONS, ...variantFlagOptions(VARIANTS) },
  async run(args) {
    if (args.positionals.length > 0) throw new UsageError(`vaelab train takes no positional arguments, got '${args.positionals[0]}'`);
    const variant = choiceFlag(args, 'variant', VARIANTS.map((v) => v.name), 'vae');
    const { name: datasetName, options } = datasetFromFlags(args);
    const backend = backendFromFlags(args);
    const binarization = choiceFlag(args, 'binarization', ['dynamic', 'static', 'none'] as const, 'dynamic');
    if (args.values.epochs !== undefined && args.values.steps !== undefined) throw new UsageError('give --epochs or --steps, not both');
    const entry = variantByName(variant);
    const partial = configFromFlags(args, entry);
    const evalExamples = args.values['eval-examples'] === undefined ? undefined : intFlag(args, 'eval-examples', 0, 1);

    const data = loadDatasetOrExit(datasetName, options);
    partial.inputShape = [...data.train.shape];
    if (entry.needsLabels) partial.numClasses = data.train.numClasses;
    let model;
    try {
      model = entry.create(partial);
    } catch (error) {
      if (error instanceof ConfigError) throw new UserError(error.message, 2);
      throw new UserError((error as Error).message, 2);
    }
    await selectBackendOrExit(backend);
    const batch = Math.min(model.config.batchSize, data.train.size);
    const stepsPerEpoch = Math.max(1, Math.floor(data.train.size / batch));
    const steps = args.values.steps !== undefined ? intFlag(args, 'steps', 1, 1) : args.values.epochs === undefined && datasetName === 'dsprites' ? 5000 : undefined;
    const epochs = steps === undefined ? intFlag(args, 'epochs', 10, 1) : undefined;
    const totalSteps = steps ?? (epochs ?? 10) * stepsPerEpoch;
    console.log(`training ${variant} on ${data.train.name} (${data.train.size} examples, ${data.train.shape.join('x')}), test ${data.test.name}: ${totalSteps} steps of ${batch}`);
    const bar = trainingProgress(process.stdout, { stepsPerEpoch, batchSize: batch });
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    const result = await model.fit(data.train, {
      epochs, steps, test: data.test, evalExamples, binarization, signal: controller.signal, logEvery: 10, onStep: (info) => bar.update(info),
    });
    process.off('SIGINT', stop);
    bar.done();
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
