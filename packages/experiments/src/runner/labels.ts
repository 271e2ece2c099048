import type { ExpandedRun } from '../sweep/expand.ts';
import { canonicalJson } from '../sweep/hash.ts';

/**
 * Short labels of runs: the variant (or the method, in a methods study), the parameters that
 * vary across the given runs and that the run has, and the seed, e.g. `beta-vae beta=4 seed=1`,
 * `annealed-vae capacity.max=25 seed=0`.
 */
export function runLabels(runs: readonly ExpandedRun[]): Map<string, string> {
  const keys = new Set<string>();
  const first = runs[0]?.params ?? {};
  for (const run of runs) {
    for (const key of new Set([...Object.keys(first), ...Object.keys(run.params)])) {
      if (canonicalJson(run.params[key]) !== canonicalJson(first[key])) keys.add(key);
    }
  }
  keys.delete('method');
  const ordered = [...keys].sort();
  return new Map(runs.map((run) => [
    run.configHash,
    [
      typeof run.params.method === 'string' ? run.params.method : run.variant,
      ...ordered.filter((k) => run.params[k] !== undefined).map((k) => `${k}=${formatValue(run.params[k])}`),
      `seed=${run.seed}`,
    ].join(' '),
  ]));
}

function formatValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Number(value.toPrecision(4)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}
