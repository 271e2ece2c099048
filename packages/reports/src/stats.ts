/** Arithmetic mean of the finite values; NaN when there are none. */
export function mean(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
}

/** Sample standard deviation (n - 1) of the finite values; 0 for one value, NaN for none. */
export function std(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return NaN;
  if (finite.length === 1) return 0;
  const m = mean(finite);
  return Math.sqrt(finite.reduce((a, b) => a + (b - m) ** 2, 0) / (finite.length - 1));
}

/** Median of the finite values; NaN when there are none. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Mean, standard deviation and count of one metric over the seeds of a configuration. */
export interface Aggregate {
  mean: number;
  std: number;
  /** Runs that have a finite value. */
  n: number;
}

/** Aggregates a list of values (non-finite ones and missing ones are left out). */
export function aggregate(values: readonly (number | undefined)[]): Aggregate {
  const finite = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return { mean: mean(finite), std: std(finite), n: finite.length };
}

/** Runs grouped by configuration (everything but the seed), in first-seen order. */
export interface SeedGroup<R> {
  key: string;
  runs: R[];
}

/** Groups items by `keyOf`, keeping first-seen order of the groups and of the items in each. */
export function groupBy<R>(items: readonly R[], keyOf: (item: R) => string): SeedGroup<R>[] {
  const groups = new Map<string, R[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return [...groups].map(([key, runs]) => ({ key, runs }));
}

/**
 * Mean ± std over seeds of every summary key, per configuration: the values of `summaries` of
 * the runs in a group (missing keys count as absent, not as zero).
 */
export function aggregateSummaries(runs: readonly { summaries: Record<string, number> }[], keys: readonly string[]): Record<string, Aggregate> {
  const out: Record<string, Aggregate> = {};
  for (const key of keys) out[key] = aggregate(runs.map((r) => r.summaries[key]));
  return out;
}
