import { z } from 'zod';
import { BACKEND_CHOICES, TRAINING_FIELDS } from '@vaelab/core';
import type { JsonValue } from '@vaelab/tracking';

/**
 * Sweep parameters about the run itself: which data, which backend, how to measure. A sweep's
 * parameters are flat (`base: { learningRate, steps, latentDim, imageSize }`); {@link splitParams}
 * sends each to the run options, core's training config (`TRAINING_FIELDS`: learning rate,
 * batch, clipping, steps or epochs, log interval, binarization, evaluation cap) or the
 * variant's model config, by the schemas' keys.
 */
export interface RunOptions {
  /** dSprites image side. @default 64 */
  imageSize: 32 | 64;
  /** Folder of IDX files for the full MNIST / Fashion-MNIST. @default the embedded or Debian copy */
  dataDir?: string;
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
  /** The method of a methods study the run belongs to (set from the sweep's `methods`); a label kept with the params. @default none */
  method?: string;
}

export const runOptionsSchema = z.object({
  imageSize: z.union([z.literal(32), z.literal(64)]).default(64),
  dataDir: z.string().optional(),
  backend: z.enum(BACKEND_CHOICES as unknown as [string, ...string[]]).default('auto'),
  measureBudget: z.enum(['quick', 'full']).optional(),
  metricsProfile: z.enum(['quick', 'full']).optional(),
  method: z.string().optional(),
});

/** Run options accepted under an earlier name, with the name that replaced it. */
export const RENAMED_RUN_OPTIONS: Readonly<Record<string, string>> = { metricsProfile: 'measureBudget' };

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

/** A run's flat parameters, split by the schema each belongs to. */
export interface SplitParams {
  /** Run options ({@link runOptionsSchema}). */
  options: Record<string, JsonValue>;
  /** Partial training config (core's `trainingConfigSchema`). */
  training: Record<string, JsonValue>;
  /** The variant's partial model config. */
  config: Record<string, JsonValue>;
}

/**
 * Splits a run's parameters into run options, the partial training config and the variant's
 * partial model config, by the schemas' keys; the parameters themselves (stored with the run,
 * hashed into its identity) stay flat and keep their names. A dotted parameter sets a nested
 * model-config field (`capacity.max: 25` -> `{ capacity: { max: 25 } }`), so that a sweep can
 * vary one field of a nested object and record it as its own parameter.
 */
export function splitParams(params: Record<string, JsonValue>): SplitParams {
  const options: Record<string, JsonValue> = {};
  const training: Record<string, JsonValue> = {};
  const config: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (RUN_OPTION_KEYS.includes(key)) options[key] = value;
    else if ((TRAINING_FIELDS as readonly string[]).includes(key)) training[key] = value;
    else setPath(config, key, value);
  }
  return { options, training, config };
}

/**
 * The sample budget a run measures with: `measureBudget`, else its earlier name `metricsProfile`,
 * else the one named like the sweep profile the run belongs to (`quick`, `full`), else quick.
 */
export function measureBudgetOf(options: Pick<RunOptions, 'measureBudget' | 'metricsProfile'>, sweepProfile: string): 'quick' | 'full' {
  return options.measureBudget ?? options.metricsProfile ?? (sweepProfile === 'full' ? 'full' : 'quick');
}
