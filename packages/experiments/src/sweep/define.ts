import type { JsonValue } from '@vaelab/tracking';

/** A parameter value of a run: any JSON value. */
export type ParamValue = JsonValue;

/** Parameters by name. */
export type Params = Record<string, ParamValue>;

/** Metric groups computed after training; executors may understand more names. */
export type MetricGroup = 'disentanglement' | 'collapse' | 'quality' | (string & {});

/**
 * How one parameter of a random search is drawn: `[min, max]` uniform float, `{ logUniform: [a, b] }`
 * log-uniform float, `{ intUniform: [a, b] }` uniform integer (both ends included), or a list of
 * choices drawn uniformly. A list of exactly two numbers is a range; write `{ choices: [a, b] }`
 * for two numeric choices.
 */
export type RandomDimension =
  | readonly [min: number, max: number]
  | { readonly logUniform: readonly [min: number, max: number] }
  | { readonly intUniform: readonly [min: number, max: number] }
  | { readonly choices: readonly ParamValue[] }
  | readonly ParamValue[];

/** Random search: `count` configurations drawn with a seeded generator. */
export interface RandomSearch {
  /** Number of configurations. */
  count: number;
  /** Seed of the draws; the same seed gives the same configurations. @default 0 */
  seed?: number;
  /** How each parameter is drawn. */
  space: Record<string, RandomDimension>;
}

/**
 * One method of a methods study: a variant with its own fixed parameters and grid (Locatello
 * et al. 2019 give each method its own hyperparameter). Its runs record the method's name as
 * the parameter `method`.
 */
export interface MethodBody {
  /** The variant the method trains; required unless a profile only overrides `base` or `grid`. */
  variant?: string;
  /** Parameters of the method's runs, over the sweep's `base`; profile keys replace these keys. @default {} */
  base?: Params;
  /** The method's own grid, crossed with the sweep's configurations; profile keys replace these keys. @default {} */
  grid?: Record<string, readonly ParamValue[]>;
}

/** The part of a sweep a profile may override. */
export interface SweepBody {
  /** Variant names to train, in order. */
  variants?: readonly string[];
  /** Methods by name, in order, instead of `variants`; profile entries override method by method. */
  methods?: Record<string, MethodBody>;
  /** Parameters shared by every run; profile `base` keys replace these keys. */
  base?: Params;
  /** Cartesian product of value lists (first key varies slowest); profile `grid` keys replace these keys. */
  grid?: Record<string, readonly ParamValue[]>;
  /** Parallel value lists of equal length: configuration i takes the i-th value of each; profiles replace it whole. */
  zip?: Record<string, readonly ParamValue[]>;
  /** Random search; profile fields replace these fields and `space` keys replace these keys. */
  random?: RandomSearch;
  /** A seed count (seeds 0..n-1) or an explicit list of seeds. @default 1 */
  seeds?: number | readonly number[];
  /** Metric groups to compute. @default [] */
  metrics?: readonly MetricGroup[];
}

/** A sweep file's definition. At most one of `grid`, `zip`, `random` (after profile overrides). */
export interface SweepDefinition extends SweepBody {
  /** Sweep name: letters, digits, `-`, `_`, `.`; the identity of its runs in the store. */
  name: string;
  /** One line for listings and reports. @default none */
  description?: string;
  /** Dataset name. */
  dataset: string;
  /** Variant names; give `variants` or `methods`. */
  variants?: readonly string[];
  /** Overrides by profile, selected with `--profile`. @default {} */
  profiles?: { quick?: SweepBody; full?: SweepBody; [profile: string]: SweepBody | undefined };
}

/**
 * Declares a sweep with type checking; returns it unchanged. Use as the default export of a file
 * under `experiments/`: `export default defineSweep({ name: 'beta', dataset: 'dsprites', ... })`.
 */
export function defineSweep<const T extends SweepDefinition>(definition: T): T {
  return definition;
}
