import { z } from 'zod';
import type { KlSchedule } from '@vaelab/losses';
import type { Activation } from './nn/module.ts';

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
 * 784-400-20, ReLU, Bernoulli likelihood, Adam 1e-3, batch 128.
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
  /** Adam learning rate. @default 0.001 */
  learningRate: number;
  /** @default 128 */
  batchSize: number;
  /** Weight of the KL term over training. @default { kind: 'constant', weight: 1 } */
  klSchedule: KlSchedule;
  /** Free-bits floor per latent dimension in nats (Kingma et al. 2016); 0 turns it off. @default 0 */
  freeBits: number;
  /** Range log-variances are clamped to. @default [-10, 10] */
  logvarRange: [number, number];
  /** Clip gradients to this global norm; null turns clipping off. @default null */
  gradientClipNorm: number | null;
  /** Seed of weight initialisation, batch order and sampling noise. @default 0 */
  seed: number;
}

const positiveInt = z.number().int().positive();

const klScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), weight: z.number().min(0) }).strict(),
  z.object({ kind: z.literal('linear'), steps: z.number().int().min(0), from: z.number().min(0).optional(), to: z.number().min(0).optional() }).strict(),
  z.object({
    kind: z.literal('cyclical'),
    totalSteps: positiveInt,
    cycles: positiveInt,
    ratio: z.number().gt(0).max(1),
    max: z.number().min(0).optional(),
  }).strict(),
]);

/** The zod schema of {@link BaseVaeConfig}; variant schemas `.extend()` it. */
export const baseVaeConfigSchema = z.object({
  inputShape: z.tuple([positiveInt, positiveInt, positiveInt]).default([28, 28, 1]),
  latentDim: positiveInt.default(20),
  architecture: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('mlp'), hidden: z.array(positiveInt).default([400]) }).strict(),
      z.object({ kind: z.literal('conv') }).strict(),
    ])
    .default({ kind: 'mlp', hidden: [400] }),
  activation: z.enum(['relu', 'tanh', 'elu', 'sigmoid', 'linear', 'leakyRelu']).default('relu'),
  likelihood: z.enum(['bernoulli', 'gaussian', 'gaussian-learned']).default('bernoulli'),
  observationLogVariance: z.number().default(0),
  learningRate: z.number().positive().default(1e-3),
  batchSize: positiveInt.default(128),
  klSchedule: klScheduleSchema.default({ kind: 'constant', weight: 1 }),
  freeBits: z.number().min(0).default(0),
  logvarRange: z
    .tuple([z.number(), z.number()])
    .refine(([lo, hi]) => lo < hi, { message: 'must be [min, max] with min < max' })
    .default([-10, 10]),
  gradientClipNorm: z.number().positive().nullable().default(null),
  seed: z.number().int().default(0),
});

/** Thrown for an invalid config; `issues` name each bad field by its path. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: { path: string; message: string }[], label: string) {
    super(`${label}: ${issues.map((i) => `${i.path || '(config)'}: ${i.message}`).join('; ')}`);
  }
}

/**
 * Validates a user's partial config against `schema` and fills in the defaults: the one place
 * where user input becomes a config. Unknown fields are errors (a typo must not be ignored).
 */
export function normalizeConfig<S extends z.ZodObject<z.ZodRawShape>>(schema: S, input: unknown, label = 'config'): z.output<S> {
  const result = schema.strict().safeParse(input ?? {});
  if (result.success) return result.data as z.output<S>;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message,
    })),
    label,
  );
}

/** Normalizes a {@link BaseVaeConfig}. */
export function normalizeBaseConfig(input: Partial<BaseVaeConfig> = {}): BaseVaeConfig {
  return normalizeConfig(baseVaeConfigSchema, input, 'VAE config') satisfies BaseVaeConfig;
}
