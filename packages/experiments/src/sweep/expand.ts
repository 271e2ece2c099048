import { drawRng } from './random.ts';
import type { DrawRng } from './random.ts';
import type { Params, ParamValue, RandomDimension, SweepBody, SweepDefinition } from './define.ts';
import { configHash } from './hash.ts';

/** One run of an expanded sweep. */
export interface ExpandedRun {
  /** Position in the expansion: variants, then configurations, then seeds. */
  index: number;
  sweep: string;
  variant: string;
  dataset: string;
  params: Params;
  seed: number;
  profile: string;
  configHash: string;
  /** Where each parameter came from in the definition, e.g. `{ beta: 'grid.beta[2]' }`. */
  sources: Record<string, string>;
}

/** A value with the definition path it came from. */
interface Sourced<T> { value: T; source: string }

/** One method of a methods study after profile overrides. */
export interface ResolvedMethod {
  name: string;
  /** Absent when no definition gives the method a variant (a validation error). */
  variant: Sourced<string> | undefined;
  base: Record<string, Sourced<ParamValue>>;
  grid: Record<string, Sourced<readonly ParamValue[]>>;
}

/** A sweep after its profile's overrides, every value tagged with its origin. */
export interface ResolvedSweep {
  variants: Sourced<string>[];
  /** The methods of a methods study, in order; empty for a sweep over `variants`. */
  methods: ResolvedMethod[];
  base: Record<string, Sourced<ParamValue>>;
  grid: Record<string, Sourced<readonly ParamValue[]>>;
  zip: Record<string, Sourced<readonly ParamValue[]>> | undefined;
  random: { count: number; seed: number; space: Record<string, Sourced<RandomDimension>> } | undefined;
  seeds: number[];
  metrics: string[];
  /** Which of grid, zip, random are in use, with their origin (more than one is an error). */
  searches: string[];
}

function tag<T>(record: Record<string, T> | undefined, prefix: string): Record<string, Sourced<T>> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, { value: v, source: `${prefix}.${k}` }]));
}

/** Applies the profile's overrides (see `SweepBody`) to a definition. */
export function resolveProfile(def: SweepDefinition, profile: string): ResolvedSweep {
  const over: SweepBody = def.profiles?.[profile] ?? {};
  const p = `profiles.${profile}`;
  const variants = (over.variants ?? def.variants ?? []).map((value, i) => ({ value, source: `${over.variants ? `${p}.` : ''}variants[${i}]` }));
  const methods = Object.keys({ ...def.methods, ...over.methods }).map((name): ResolvedMethod => {
    const [own, patch] = [def.methods?.[name], over.methods?.[name]];
    const at = (prefix: string): string => `${prefix}methods.${name}`;
    const variant = patch?.variant !== undefined ? { value: patch.variant, source: `${at(`${p}.`)}.variant` }
      : own?.variant !== undefined ? { value: own.variant, source: `${at('')}.variant` } : undefined;
    return {
      name,
      variant,
      base: { ...tag(own?.base, `${at('')}.base`), ...tag(patch?.base, `${at(`${p}.`)}.base`) },
      grid: { ...tag(own?.grid, `${at('')}.grid`), ...tag(patch?.grid, `${at(`${p}.`)}.grid`) },
    };
  });
  const base = { ...tag(def.base, 'base'), ...tag(over.base, `${p}.base`) };
  const grid = { ...tag(def.grid, 'grid'), ...tag(over.grid, `${p}.grid`) };
  const zip = over.zip ? tag(over.zip, `${p}.zip`) : def.zip ? tag(def.zip, 'zip') : undefined;
  let random: ResolvedSweep['random'];
  if (def.random || over.random) {
    const r = { ...def.random, ...over.random } as { count?: number; seed?: number };
    random = {
      count: r.count ?? 0,
      seed: r.seed ?? 0,
      space: { ...tag(def.random?.space, 'random.space'), ...tag(over.random?.space, `${p}.random.space`) },
    };
  }
  const seedSpec = over.seeds ?? def.seeds ?? 1;
  const seeds = typeof seedSpec === 'number' ? Array.from({ length: seedSpec }, (_, i) => i) : [...seedSpec];
  const searches: string[] = [];
  if (Object.keys(grid).length > 0) searches.push(over.grid ? `${p}.grid` : 'grid');
  if (zip) searches.push(over.zip ? `${p}.zip` : 'zip');
  if (random) searches.push(over.random ? `${p}.random` : 'random');
  return { variants, methods, base, grid, zip, random, seeds, metrics: [...(over.metrics ?? def.metrics ?? [])], searches };
}

type Config = Record<string, Sourced<ParamValue>>;

function gridConfigs(grid: ResolvedSweep['grid']): Config[] {
  let configs: Config[] = [{}];
  for (const [key, { value: values, source }] of Object.entries(grid)) {
    configs = configs.flatMap((config) => values.map((value, i) => ({ ...config, [key]: { value, source: `${source}[${i}]` } })));
  }
  return configs;
}

function zipConfigs(zip: NonNullable<ResolvedSweep['zip']>): Config[] {
  const entries = Object.entries(zip);
  const length = entries.length ? Math.min(...entries.map(([, list]) => list.value.length)) : 1;
  return Array.from({ length }, (_, i) =>
    Object.fromEntries(entries.map(([key, list]) => [key, { value: list.value[i], source: `${list.source}[${i}]` }])));
}

function draw(dimension: RandomDimension, rng: DrawRng): ParamValue {
  if (Array.isArray(dimension)) {
    if (dimension.length === 2 && typeof dimension[0] === 'number' && typeof dimension[1] === 'number') {
      return dimension[0] + (dimension[1] - dimension[0]) * rng.next();
    }
    return dimension[rng.int(dimension.length)] as ParamValue;
  }
  const d = dimension as { logUniform?: [number, number]; intUniform?: [number, number]; choices?: ParamValue[] };
  if (d.logUniform) {
    const [a, b] = d.logUniform;
    return Math.exp(Math.log(a) + (Math.log(b) - Math.log(a)) * rng.next());
  }
  if (d.intUniform) return d.intUniform[0] + rng.int(d.intUniform[1] - d.intUniform[0] + 1);
  return d.choices![rng.int(d.choices!.length)];
}

function randomConfigs(random: NonNullable<ResolvedSweep['random']>): Config[] {
  const rng = drawRng(random.seed);
  return Array.from({ length: random.count }, () =>
    Object.fromEntries(Object.entries(random.space).map(([key, dim]) => [key, { value: draw(dim.value, rng), source: dim.source }])));
}

/**
 * Expands a sweep into its runs, deterministically and in order: for each variant (or method),
 * for each configuration (grid: first key slowest; zip: by position; random: by draw; then a
 * method's own grid), for each seed. A method's runs get its `base`, its grid values and the
 * parameter `method` with its name.
 * Runs with the same config hash (e.g. equal random draws) appear once.
 */
export function expandSweep(def: SweepDefinition, profile: string): ExpandedRun[] {
  const resolved = resolveProfile(def, profile);
  const configs = resolved.random ? randomConfigs(resolved.random) : resolved.zip ? zipConfigs(resolved.zip) : gridConfigs(resolved.grid);
  const runs: ExpandedRun[] = [];
  const seen = new Set<string>();
  // A sweep over variants is a list of methods without names, base or grid of their own.
  const entries = resolved.methods.length > 0
    ? resolved.methods.map((m) => ({ variant: m.variant?.value ?? '', method: m }))
    : resolved.variants.map((v) => ({ variant: v.value, method: undefined }));
  for (const { variant, method } of entries) {
    const own: Config = method ? { ...method.base, method: { value: method.name, source: `methods.${method.name}` } } : {};
    const methodConfigs = method ? gridConfigs(method.grid) : [{}];
    for (const config of configs.flatMap((c) => methodConfigs.map((m) => ({ ...c, ...m })))) {
      const merged = { ...resolved.base, ...own, ...config };
      const params: Params = {};
      const sources: Record<string, string> = {};
      for (const key of Object.keys(merged).sort()) {
        params[key] = merged[key].value;
        sources[key] = merged[key].source;
      }
      for (const seed of resolved.seeds) {
        const hash = configHash({ sweep: def.name, variant, dataset: def.dataset, params, seed, profile });
        if (seen.has(hash)) continue;
        seen.add(hash);
        runs.push({ index: runs.length, sweep: def.name, variant, dataset: def.dataset, params, seed, profile, configHash: hash, sources });
      }
    }
  }
  return runs;
}
