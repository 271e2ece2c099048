import type { VariantCatalog } from './catalog.ts';
import type { SweepDefinition } from './define.ts';
import { SweepError } from './errors.ts';
import type { SweepIssue } from './errors.ts';
import { expandSweep, resolveProfile } from './expand.ts';
import type { ExpandedRun } from './expand.ts';
import { parseWithIssues } from '@vaelab/core';
import { MAX_SWEEP_RUNS, sweepDefinitionSchema } from './schema.ts';

/** What a sweep is validated against. */
export interface SweepValidationOptions {
  /** The file shown in messages. @default '<sweep>' */
  file?: string;
  /** Variants by name, with their parameter validators. */
  catalog: VariantCatalog;
  /** Known dataset names. */
  datasets: readonly string[];
  /** Profile to expand. @default 'quick' */
  profile?: string;
}

/** A validated sweep and its runs for one profile. */
export interface PreparedSweep {
  definition: SweepDefinition;
  profile: string;
  runs: ExpandedRun[];
  /** Metric groups after profile overrides. */
  metrics: string[];
  /** The file it came from, when loaded from one. */
  file?: string;
  /** One line per deprecated but accepted field (`<file>: base.metricsProfile: renamed to ...`), for the user. */
  notices: string[];
}

/**
 * The parameter an issue's path starts with: the longest parameter name that is the path or a
 * prefix of it at a `.` or `[` (a dotted parameter such as `capacity.max` sets a nested field).
 */
function sourceKey(path: string, sources: Record<string, string>): string {
  const matches = Object.keys(sources).filter((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`));
  return matches.sort((a, b) => b.length - a.length)[0] ?? /^[^.[]+/.exec(path)?.[0] ?? path;
}

const known = (names: readonly string[]): string => (names.length ? `known: ${names.join(', ')}` : 'none are registered');

/**
 * The one place sweeps are checked: structure (zod), profile, dataset and variant names, a
 * single search kind, then every expanded run's parameters through its variant's validator.
 * A parameter problem is reported at the definition field the value came from
 * (`grid.beta[2]`, `profiles.full.base.steps`). Throws a `SweepError` listing every problem.
 */
export function validateSweep(input: unknown, options: SweepValidationOptions): PreparedSweep {
  const file = options.file ?? '<sweep>';
  const profile = options.profile ?? 'quick';
  const parsed = parseWithIssues(sweepDefinitionSchema, input);
  if ('issues' in parsed) throw new SweepError(file, parsed.issues);
  const def = parsed.data as SweepDefinition;
  const issues: SweepIssue[] = [];

  const profiles = Object.keys(def.profiles ?? {});
  if (!['quick', 'full', ...profiles].includes(profile)) {
    throw new SweepError(file, [{ path: 'profiles', message: `no profile '${profile}' (defined: ${profiles.join(', ') || 'none'})` }]);
  }
  if (!options.datasets.includes(def.dataset)) {
    issues.push({ path: 'dataset', message: `unknown dataset '${def.dataset}' (${known(options.datasets)})` });
  }
  const variantNames = Object.keys(options.catalog);
  const checkVariants = (list: readonly string[] | undefined, prefix: string): void =>
    list?.forEach((v, i) => {
      if (!Object.hasOwn(options.catalog, v)) issues.push({ path: `${prefix}variants[${i}]`, message: `unknown variant '${v}' (${known(variantNames)})` });
    });
  checkVariants(def.variants, '');
  for (const [name, body] of Object.entries(def.profiles ?? {})) checkVariants(body?.variants, `profiles.${name}.`);

  const resolved = resolveProfile(def, profile);
  if (def.methods && resolved.methods.length === 0) issues.push({ path: 'methods', message: 'must name at least one method' });
  for (const method of resolved.methods) {
    if (!method.variant) issues.push({ path: `methods.${method.name}.variant`, message: 'is required' });
    else if (!Object.hasOwn(options.catalog, method.variant.value)) {
      issues.push({ path: method.variant.source, message: `unknown variant '${method.variant.value}' (${known(variantNames)})` });
    }
  }
  if (resolved.searches.length > 1) {
    issues.push({ path: resolved.searches[1], message: `use one of grid, zip, random (found ${resolved.searches.join(' and ')})` });
  }
  if (resolved.zip) {
    const [first, ...rest] = Object.values(resolved.zip);
    for (const list of rest) {
      if (list.value.length !== first.value.length) {
        issues.push({ path: list.source, message: `has ${list.value.length} values but ${first.source} has ${first.value.length}; zip lists must be equally long` });
      }
    }
  }
  if (resolved.random && resolved.random.count < 1) issues.push({ path: 'random.count', message: 'is required' });
  if (issues.length) throw new SweepError(file, issues);
  // Counted before expanding, so that a grid of a billion runs is refused instead of built.
  const configs = resolved.random?.count ?? (resolved.zip ? Object.values(resolved.zip)[0]?.value.length ?? 1
    : Object.values(resolved.grid).reduce((n, list) => n * list.value.length, 1));
  const total = resolved.variants.length * configs * resolved.seeds.length;
  if (total > MAX_SWEEP_RUNS.max) {
    const search = resolved.searches[0] ?? 'base';
    throw new SweepError(file, [{ path: search, message: `expands to ${total.toLocaleString('en-US')} runs (${resolved.variants.length} variants x ${configs.toLocaleString('en-US')} configurations x ${resolved.seeds.length} seeds); must be <= ${MAX_SWEEP_RUNS.max.toLocaleString('en-US')} (${MAX_SWEEP_RUNS.why})` }]);
  }

  const runs = expandSweep(def, profile);
  const seen = new Set<string>();
  const notices: string[] = [];
  for (const run of runs) {
    for (const issue of options.catalog[run.variant].validate(run.params)) {
      const key = sourceKey(issue.path, run.sources);
      const origin = run.sources[key];
      const path = origin ? origin + issue.path.slice(key.length) : `base.${issue.path}`;
      const text = `${path}\u0000${issue.message}`;
      if (seen.has(text)) continue;
      seen.add(text);
      if (issue.deprecated) notices.push(`${file}: ${path}: ${issue.message}`);
      else issues.push({ path, message: `${issue.message}${origin ? '' : ` (variant ${run.variant})`}` });
    }
  }
  if (issues.length) throw new SweepError(file, issues);
  return { definition: def, profile, runs, metrics: resolved.metrics, notices };
}
