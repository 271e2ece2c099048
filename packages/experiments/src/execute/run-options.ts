import { z } from 'zod';
import { BACKEND_CHOICES, HELD_OUT_CAP, boundedInt, stepCount } from '@vaelab/core';
import type { JsonValue } from '@vaelab/tracking';

/**
 * Sweep parameters that shape a run rather than the model: how long to train, which data,
 * how to measure. Every other parameter is a field of the variant's config.
 */
export interface RunOptions {
  /** Optimisation steps; takes precedence over `epochs`. @default none */
  steps?: number;
  /** Passes over the training set when `steps` is not given. @default 10 */
  epochs: number;
  /** dSprites image side. @default 64 */
  imageSize: 32 | 64;
  /** Folder of IDX files for the full MNIST / Fashion-MNIST. @default the embedded or Debian copy */
  dataDir?: string;
  /** Held-out examples of the final evaluation, the image grids and the latent scatter: a seeded random sample of the test split when it is larger. @default 10000 */
  evalExamples: number;
  /** Training series are written every this many steps. @default 50 */
  logEvery: number;
  /** @default 'auto' */
  backend: (typeof BACKEND_CHOICES)[number];
  /** Sample budget of the measuring: `quick` shrinks sample counts, `full` follows the papers. @default the sweep profile's name when it is quick or full, else quick */
  measureBudget?: 'quick' | 'full';
  /**
   * The earlier name of `measureBudget`, still read so that sweep files and stored runs that set
   * it keep working; `measureBudget` wins when both are given.
   * @deprecated use `measureBudget`
   * @default none
   */
  metricsProfile?: 'quick' | 'full';
  /** @default 'dynamic' for Bernoulli likelihoods */
  binarization?: 'none' | 'static' | 'dynamic';
  /** The method of a methods study the run belongs to (set from the sweep's `methods`); a label kept with the params. @default none */
  method?: string;
}

export const runOptionsSchema = z.object({
  steps: stepCount().optional(),
  epochs: boundedInt(1, { max: 1e6, why: 'more passes than a run can finish' }).default(10),
  imageSize: z.union([z.literal(32), z.literal(64)]).default(64),
  dataDir: z.string().optional(),
  evalExamples: boundedInt(1, { max: 1e7, why: 'more held-out examples than any dataset here has' }).default(HELD_OUT_CAP),
  logEvery: stepCount().default(50),
  backend: z.enum(BACKEND_CHOICES as unknown as [string, ...string[]]).default('auto'),
  measureBudget: z.enum(['quick', 'full']).optional(),
  metricsProfile: z.enum(['quick', 'full']).optional(),
  binarization: z.enum(['none', 'static', 'dynamic']).optional(),
  method: z.string().optional(),
});

/** Names of the run options, to tell them apart from config fields. */
export const RUN_OPTION_KEYS: readonly string[] = Object.keys(runOptionsSchema.shape);

/** Sets `value` at a dotted path (`capacity.max`), creating the objects on the way. */
function setPath(config: Record<string, JsonValue>, path: string, value: JsonValue): void {
  const keys = path.split('.');
  let target = config;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    target = target[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...next } : {};
  }
  target[keys[keys.length - 1]] = value;
}

/**
 * Splits a run's parameters into run options and the variant's partial config. A dotted
 * parameter sets a nested config field (`capacity.max: 25` -> `{ capacity: { max: 25 } }`),
 * so that a sweep can vary one field of a nested object and record it as its own parameter.
 */
export function splitParams(params: Record<string, JsonValue>): { options: Record<string, JsonValue>; config: Record<string, JsonValue> } {
  const options: Record<string, JsonValue> = {};
  const config: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (RUN_OPTION_KEYS.includes(key)) options[key] = value;
    else setPath(config, key, value);
  }
  return { options, config };
}

/**
 * The sample budget a run measures with: `measureBudget`, else its earlier name `metricsProfile`,
 * else the one named like the sweep profile the run belongs to (`quick`, `full`), else quick.
 */
export function measureBudgetOf(options: Pick<RunOptions, 'measureBudget' | 'metricsProfile'>, sweepProfile: string): 'quick' | 'full' {
  return options.measureBudget ?? options.metricsProfile ?? (sweepProfile === 'full' ? 'full' : 'quick');
}
