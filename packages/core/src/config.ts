import { z } from 'zod';
import type { KlSchedule } from '@vaelab/losses';
import type { Activation } from './nn/module.ts';
import { formatIssues, parseWithIssues } from './issues.ts';
import type { FieldIssue } from './issues.ts';

/** Encoder/decoder architecture. */
export type Architecture =
  /** Fully connected; the decoder mirrors `hidden` in reverse. */
  | { kind: 'mlp'; hidden: number[] }
  /** disentanglement_lib's conv_encoder / deconv_decoder (images whose sides are multiples of 16). */
  | { kind: 'conv' };

/** Observation model p(x|z). */
export type Likelihood =
  /** Independent Bernoulli pixels; the decoder outputs logits. */
  | 'bernoulli'
  /** Gaussian with fixed variance exp(`observationLogVariance`). */
  | 'gaussian'
  /** Gaussian with a learned per-pixel log-variance. */
  | 'gaussian-learned';

/**
 * What every variant shares. Variant configs extend it (`BetaVaeConfig extends BaseVaeConfig`).
 * Defaults are the classic MNIST VAE (Kingma & Welling 2014; the PyTorch examples model):
 * 784-400-20, ReLU, Bernoulli likelihood. How the model is trained (learning rate, batch size,
 * clipping, steps) is the training config's (training-config.ts), not the model's.
 */
export interface BaseVaeConfig {
  /** Image height, width, channels. @default [28, 28, 1] */
  inputShape: [number, number, number];
  /** Number of latent dimensions. @default 20 */
  latentDim: number;
  /** @default { kind: 'mlp', hidden: [400] } */
  architecture: Architecture;
  /** Nonlinearity of hidden layers. @default 'relu' */
  activation: Activation;
  /** @default 'bernoulli' */
  likelihood: Likelihood;
  /** Log-variance of the fixed-variance Gaussian likelihood. @default 0 */
  observationLogVariance: number;
  /** Weight of the KL term over training. @default { kind: 'constant', weight: 1 } */
  klSchedule: KlSchedule;
  /** Free-bits floor per latent dimension in nats (Kingma et al. 2016); 0 turns it off. @default 0 */
  freeBits: number;
  /** Range log-variances are clamped to. @default [-10, 10] */
  logvarRange: [number, number];
  /**
   * Seed of weight initialisation and sampling noise; `fit` derives the minibatch order from it,
   * so one seed reproduces a run. @default 0
   */
  seed: number;
}

/**
 * Bounds of the numeric fields, each with the reason a user sees when a value is beyond it.
 * They are not limits of the mathematics but of what a run can do: past them a run fails deep
 * inside TensorFlow.js, never finishes, or cannot fit in memory.
 */
export const LIMITS = {
  /** Longest image side: a 1024x1024 RGBA image is already 4 M values per example. */
  imageSide: { max: 1024, why: 'larger images than the encoders are built for: one 1024x1024x4 image is already 4 M values' },
  /** Channels: grey, grey + alpha, RGB, RGBA. */
  channels: { max: 4, why: 'images have 1 to 4 channels: grey, grey and alpha, RGB, RGBA' },
  /** Latent dimensions: studies use 10 (disentanglement_lib) to a few hundred. */
  latentDim: { max: 4096, why: 'more latent dimensions than a VAE study uses or the metrics can measure; disentanglement_lib uses 10' },
  /** Width of one hidden layer. */
  hiddenWidth: { max: 16_384, why: 'a wider layer than fits in memory next to the images' },
  /** Hidden layers of one network. */
  hiddenLayers: { max: 32, why: 'deeper than a VAE of this kind is trained' },
  /** Examples per minibatch. */
  batchSize: { max: 65_536, why: 'a larger minibatch than a backend can hold' },
  /** Values of one minibatch (batch x image size), as float32: 2^28 values are 1 GiB. */
  batchValues: { max: 2 ** 28, why: 'one minibatch would need more than 1 GiB of float32; lower batchSize or the image size' },
  /** Optimisation steps of any schedule or run. */
  steps: { max: 1e9, why: 'more steps than a run can finish; 1e9 steps at 10,000 steps/s already take 28 hours' },
  /** A weight of a term of the loss: beta, gamma, a KL schedule's weight. */
  lossWeight: { max: 1e6, why: 'the term would drown the reconstruction term entirely' },
  /** Free-bits floor per dimension, in nats. */
  freeBits: { max: 100, why: "a floor above 100 nats per dimension never binds below a whole model's KL" },
  /** Adam learning rate. */
  learningRate: { max: 1, why: 'Adam moves every weight by about the learning rate per step; above 1 training diverges at once' },
  /** Log-variances of the Gaussian likelihood and of the posterior clamp. */
  logVariance: { max: 50, why: 'exp(v) leaves float32 range soon after |v| = 50' },
  /** Passes over a training set. */
  epochs: { max: 1e6, why: 'more passes than a run can finish' },
  /** Held-out examples of one evaluation. */
  evalExamples: { max: 1e7, why: 'more held-out examples than any dataset here has' },
  /** Seed of the generator. */
  seed: { max: 2 ** 32 - 1, why: 'the generator takes a 32-bit seed' },
} as const;

type Limit = { max: number; why: string };

/** A finite number (NaN and Infinity are named in the message). */
export const finiteNumber = (): z.ZodNumber => z.number().finite();

/** A finite number in [min, limit.max]. */
export const boundedNumber = (min: number, limit: Limit): z.ZodNumber =>
  finiteNumber().min(min).max(limit.max, tooBig(limit));

/** A bound as a user would write it: `1e9` rather than `1000000000`. */
function formatLimit(max: number): string {
  const exponent = Math.log10(max);
  return max >= 1e6 && Number.isInteger(exponent) ? `1e${exponent}` : String(max);
}

/** The message of an upper bound: the bound and why it is there. */
export const tooBig = (limit: Limit): string => `must be <= ${formatLimit(limit.max)} (${limit.why})`;

/** An integer in [min, limit.max]. */
export const boundedInt = (min: number, limit: Limit): z.ZodNumber =>
  finiteNumber().int().min(min).max(limit.max, tooBig(limit));

/** A count of optimisation steps, 0 allowed where `min` says so. */
export const stepCount = (min = 1): z.ZodNumber => boundedInt(min, LIMITS.steps);

/** A weight of a term of the loss (beta, gamma, a KL schedule's weight): finite, 0 to 1e6. */
export const lossWeight = (): z.ZodNumber => boundedNumber(0, LIMITS.lossWeight);

/** An Adam learning rate: finite, above 0, at most 1. */
export const learningRateValue = (): z.ZodNumber => finiteNumber().gt(0).max(LIMITS.learningRate.max, tooBig(LIMITS.learningRate));

/** Hidden layer sizes of a fully connected network. */
export const hiddenSizes = () =>
  z.array(boundedInt(1, LIMITS.hiddenWidth)).max(LIMITS.hiddenLayers.max, `must list at most ${LIMITS.hiddenLayers.max} sizes (${LIMITS.hiddenLayers.why})`);

const klWeightValue = lossWeight();

const klScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), weight: klWeightValue }).strict(),
  z.object({ kind: z.literal('linear'), steps: stepCount(0), from: klWeightValue.optional(), to: klWeightValue.optional() }).strict(),
  z.object({
    kind: z.literal('cyclical'),
    totalSteps: stepCount(),
    cycles: stepCount(),
    ratio: finiteNumber().gt(0).max(1),
    max: klWeightValue.optional(),
  }).strict(),
]);

/**
 * The architecture field with `defaultHidden` as the MLP's hidden sizes, used both when the
 * field is left out and when it is `{ kind: 'mlp' }` without `hidden`: a variant with other
 * default sizes (the hierarchical VAE) passes its own.
 */
export function architectureSchema(defaultHidden: readonly number[]) {
  return z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('mlp'),
        hidden: hiddenSizes().default([...defaultHidden]).describe('MLP hidden sizes, comma-separated'),
      }).strict(),
      z.object({ kind: z.literal('conv') }).strict(),
    ])
    .default({ kind: 'mlp', hidden: [...defaultHidden] })
    .describe("mlp, or conv: disentanglement_lib's conv pair, for image sides divisible by 16");
}

const logVariance = finiteNumber().min(-LIMITS.logVariance.max, `must be >= -${LIMITS.logVariance.max} (${LIMITS.logVariance.why})`).max(LIMITS.logVariance.max, tooBig(LIMITS.logVariance));

/** The zod schema of {@link BaseVaeConfig}; variant schemas `.extend()` it. */
export const baseVaeConfigSchema = z.object({
  inputShape: z.tuple([boundedInt(1, LIMITS.imageSide), boundedInt(1, LIMITS.imageSide), boundedInt(1, LIMITS.channels)]).default([28, 28, 1]),
  latentDim: boundedInt(1, LIMITS.latentDim).default(20).describe('latent dimensions'),
  architecture: architectureSchema([400]),
  activation: z.enum(['relu', 'tanh', 'elu', 'sigmoid', 'linear', 'leakyRelu']).default('relu').describe('nonlinearity of the hidden layers'),
  likelihood: z.enum(['bernoulli', 'gaussian', 'gaussian-learned']).default('bernoulli').describe('observation model p(x|z)'),
  observationLogVariance: logVariance.default(0),
  klSchedule: klScheduleSchema.default({ kind: 'constant', weight: 1 }).describe('weight of the KL term over training'),
  freeBits: boundedNumber(0, LIMITS.freeBits).default(0).describe('free-bits floor per latent dimension, nats'),
  logvarRange: z
    .tuple([logVariance, logVariance])
    .refine(([lo, hi]) => lo < hi, { message: 'must be [min, max] with min < max' })
    .default([-10, 10]),
  seed: boundedInt(0, LIMITS.seed).default(0).describe('seed of initialisation, batches and noise'),
});

/**
 * Fields that model configs of earlier vaelab versions carried and that now belong to the
 * training config: checkpoints written then still hold them (they are moved on loading), and a
 * model config that sets one is told where it goes.
 */
export const FORMER_MODEL_FIELDS: readonly string[] = ['learningRate', 'batchSize', 'gradientClipNorm'];

/** An unknown-field issue of a field that moved to the training config says where it went. */
function pointToTrainingConfig(issue: FieldIssue): FieldIssue {
  return issue.message.startsWith('unknown field') && FORMER_MODEL_FIELDS.includes(issue.path)
    ? { path: issue.path, message: "is part of the training config now, not the model config: give it to fit() (or parseTrainingConfig), or as a 'vaelab train' flag" }
    : issue;
}

/** Thrown for an invalid config; `issues` name each bad field by its path, one line each. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: FieldIssue[], label: string) {
    super(formatIssues(label, issues));
  }
}

/**
 * Validates a user's partial config against `schema` and fills in the defaults: the one place
 * where user input becomes a config. Unknown fields are errors (a typo must not be ignored).
 */
export function normalizeConfig<S extends z.ZodObject<z.ZodRawShape>>(schema: S, input: unknown, label = 'config'): z.output<S> {
  const result = parseWithIssues(schema.strict(), input ?? {});
  if ('issues' in result) throw new ConfigError(result.issues.map(pointToTrainingConfig), label);
  return result.data as z.output<S>;
}

/** Normalizes a {@link BaseVaeConfig}. */
export function normalizeBaseConfig(input: Partial<BaseVaeConfig> = {}): BaseVaeConfig {
  return normalizeConfig(baseVaeConfigSchema, input, 'VAE config') satisfies BaseVaeConfig;
}
