/**
 * How a model is trained, apart from what the model is: the optimizer's settings, how long to
 * train, how often to read the losses back, how pixels are binarized and how much of the test
 * split the held-out evaluation reads. The model config (config.ts) says what the model is and
 * travels in its checkpoint; this config is given to `fit`, by the `vaelab train` flags or by
 * a sweep's flat parameters, and each of its defaults is written once, here.
 *
 * The seed stays in the model config: it draws the initial weights and the sampling noise, and
 * the minibatch order is derived from it, so that one seed reproduces a run (a sweep's `seeds`
 * vary that one number). A second, data-order-only seed would change no result a study
 * reports and would split what a seed means between two places.
 */
import { z } from 'zod';
import { ConfigError, LIMITS, boundedInt, finiteNumber, learningRateValue, stepCount, tooBig } from './config.ts';
import type { Likelihood } from './config.ts';
import type { Binarization } from './data.ts';
import { HELD_OUT_CAP } from './held-out.ts';
import type { FieldIssue } from './issues.ts';
import { parseWithIssues } from './issues.ts';

/** Passes over the training set when neither `steps` nor `epochs` is given. */
export const DEFAULT_EPOCHS = 10;

/** The binarizations of the literature: none (grey levels), static (threshold once), dynamic (a fresh Bernoulli draw per batch). */
export const BINARIZATIONS = ['dynamic', 'static', 'none'] as const satisfies readonly Binarization[];

/**
 * The one rule for the binarization a model is trained and evaluated with when none is chosen:
 * a Bernoulli likelihood models binary pixels, so it sees a fresh Bernoulli draw of the grey
 * levels in every batch (dynamic binarization, Burda et al. 2015, as in the IWAE paper's MNIST
 * protocol); a Gaussian likelihood models the grey levels themselves.
 */
export function binarizationFor(likelihood: Likelihood, chosen?: Binarization): Binarization {
  return chosen ?? (likelihood === 'bernoulli' ? 'dynamic' : 'none');
}

/** How training runs. Defaults are those of the classic MNIST VAE (Kingma & Welling 2014; the PyTorch examples model): Adam 1e-3, batch 128. */
export interface TrainingConfig {
  /** Adam learning rate (Kingma & Ba 2015; beta1 0.9, beta2 0.999, eps 1e-8). @default 0.001 */
  learningRate: number;
  /** Examples per minibatch (fewer when the training set is smaller). @default 128 */
  batchSize: number;
  /** Clip gradients to this global norm (Pascanu et al. 2013); null turns clipping off. @default null */
  gradientClipNorm: number | null;
  /** Optimisation steps on minibatches; give `steps` or `epochs`, not both. @default none: `epochs` decides */
  steps?: number;
  /** Passes over the training set; give `steps` or `epochs`, not both. @default 10 when `steps` is not given */
  epochs?: number;
  /** Read the losses back (and check them for NaN/Inf) every N steps; a read forces a sync, and a sweep stores the training series at these steps. @default 10 */
  logEvery: number;
  /** Evaluate the held-out set every N steps as well as at the end. @default none: at the end only */
  evalEvery?: number;
  /** Held-out examples an evaluation reads: a seeded random sample of a larger test split. @default 10000 */
  evalExamples: number;
  /** @default the likelihood's ({@link binarizationFor}): 'dynamic' for Bernoulli, 'none' for Gaussian */
  binarization?: Binarization;
}

/** The zod schema of {@link TrainingConfig}'s user input; {@link parseTrainingConfig} adds the checks across fields. */
export const trainingConfigSchema = z.object({
  learningRate: learningRateValue().default(1e-3).describe('Adam learning rate'),
  batchSize: boundedInt(1, LIMITS.batchSize).default(128).describe('minibatch size'),
  gradientClipNorm: finiteNumber().positive().nullable().default(null).describe('clip gradients to this global norm'),
  steps: stepCount().optional().describe('optimisation steps instead of epochs'),
  epochs: boundedInt(1, LIMITS.epochs).optional().describe('passes over the training set, when steps are not given'),
  logEvery: stepCount().default(10).describe('read the losses back every this many steps'),
  evalEvery: stepCount().optional().describe('evaluate the held-out set every this many steps too'),
  evalExamples: boundedInt(1, LIMITS.evalExamples).default(HELD_OUT_CAP).describe('held-out examples evaluated: a seeded random sample of a larger test split'),
  binarization: z.enum(BINARIZATIONS).optional().describe('how training and evaluation binarize pixels: dynamic, static or none'),
});

/** The training config's field names: how a sweep's flat parameters are told apart from the model's. */
export const TRAINING_FIELDS: readonly (keyof TrainingConfig)[] = Object.keys(trainingConfigSchema.shape) as (keyof TrainingConfig)[];

/** Options of {@link parseTrainingConfig}. */
export interface ParseTrainingOptions {
  /** Fills in `binarization` by {@link binarizationFor} when given. @default none: `binarization` stays as given */
  likelihood?: Likelihood;
  /** What the messages name. @default 'training config' */
  label?: string;
}

/**
 * Problems of a minibatch that only the two configs together show: `batchSize` images of
 * `inputShape` must fit in 2^28 float32 values (1 GiB).
 */
export function minibatchIssues(batchSize: number, inputShape: readonly number[]): FieldIssue[] {
  const values = batchSize * inputShape.reduce((a, b) => a * b, 1);
  if (values <= LIMITS.batchValues.max) return [];
  return [{ path: 'batchSize', message: `${batchSize} images of ${inputShape.join('x')} are ${values.toExponential(2)} values: ${LIMITS.batchValues.why}` }];
}

/**
 * Validates a partial training config and fills in its defaults: the one place where user input
 * becomes a training config. Unknown fields are errors; `steps` and `epochs` together are
 * refused (which one would win is a guess the user should not have to make); with neither,
 * `epochs` is {@link DEFAULT_EPOCHS}. Throws a {@link ConfigError} naming each bad field
 * (`training config: batchSize: must be >= 1, got 0`).
 */
export function parseTrainingConfig(input: unknown = {}, options: ParseTrainingOptions = {}): TrainingConfig {
  const label = options.label ?? 'training config';
  const result = parseWithIssues(trainingConfigSchema.strict(), input ?? {});
  if ('issues' in result) throw new ConfigError(result.issues, label);
  const config: TrainingConfig = { ...result.data };
  if (config.steps !== undefined && config.epochs !== undefined) {
    throw new ConfigError([{ path: 'epochs', message: `give steps or epochs, not both (steps ${config.steps}, epochs ${config.epochs})` }], label);
  }
  if (config.steps === undefined) config.epochs ??= DEFAULT_EPOCHS;
  else delete config.epochs;
  if (config.evalEvery === undefined) delete config.evalEvery;
  if (options.likelihood) config.binarization = binarizationFor(options.likelihood, config.binarization);
  else if (config.binarization === undefined) delete config.binarization;
  return config;
}

/**
 * Optimisation steps a training config gives on a training set of `trainSize` examples:
 * `steps`, or `epochs` passes of `floor(trainSize / batch)` minibatches. Refuses a count
 * beyond `LIMITS.steps` (2^31 examples at batch 8 for 10^6 epochs) before any array is built.
 */
export function totalSteps(config: TrainingConfig, trainSize: number, label = 'training config'): { totalSteps: number; stepsPerEpoch: number; batch: number } {
  const batch = Math.max(1, Math.min(config.batchSize, trainSize));
  const stepsPerEpoch = Math.max(1, Math.floor(trainSize / batch));
  const epochs = config.epochs ?? DEFAULT_EPOCHS;
  const total = config.steps ?? epochs * stepsPerEpoch;
  if (total > LIMITS.steps.max) {
    throw new ConfigError([{ path: 'epochs', message: `${epochs} epochs of ${stepsPerEpoch} steps are ${total} steps; ${tooBig(LIMITS.steps)}` }], label);
  }
  return { totalSteps: total, stepsPerEpoch, batch };
}
