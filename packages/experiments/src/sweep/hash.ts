import { createHash } from 'node:crypto';

/** JSON text with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The identity of one run's configuration. */
export interface ConfigIdentity {
  sweep: string;
  variant: string;
  dataset: string;
  params: Record<string, unknown>;
  seed: number;
  profile: string;
}

/** sha256 (hex) of the canonical JSON of a run's configuration: how a rerun recognises a run it has done. */
export function configHash(identity: ConfigIdentity): string {
  const { sweep, variant, dataset, params, seed, profile } = identity;
  return createHash('sha256').update(canonicalJson({ sweep, variant, dataset, params, seed, profile })).digest('hex');
}
