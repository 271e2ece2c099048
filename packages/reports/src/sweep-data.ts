import type { Artifact, ArtifactInfo, ExperimentStore, JsonValue, RunWithDetails, SeriesPoint, SweepRecord } from '@vaelab/tracking';
import { ParamLabels } from './param-labels.ts';

/** A run as the report sees it: record, parameters, summaries, series and artifact list. */
export interface ReportRun extends RunWithDetails {
  series: Record<string, SeriesPoint[]>;
  artifacts: ArtifactInfo[];
  /** Identity of the configuration (variant and every parameter but the seed). */
  configKey: string;
  /** Short label of the configuration: variant (when several) and swept parameters. */
  configLabel: string;
}

/** The hyperparameter charts put on their x axis. */
export interface HyperAxis {
  /** Parameter name, or `variant` when only the variant varies, or `configuration`. */
  key: string;
  /** Distinct values in order (numbers ascending, else first-seen). */
  values: JsonValue[];
  /** All values are numbers: a linear or log axis; else categories at 0, 1, 2... */
  numeric: boolean;
  /** Positive numbers spanning a decade (10x) or more: a log axis reads better. */
  log: boolean;
  /** x position of a run. */
  x(run: ReportRun): number;
  /** Tick labels of a categorical axis. */
  labels: string[];
}

/** Everything a sweep page is rendered from. */
export interface SweepData {
  sweep: SweepRecord;
  runs: ReportRun[];
  /** Parameters (seed excluded) whose value differs between runs. */
  swept: string[];
  variants: string[];
  axis: HyperAxis;
  /** Short labels of the swept parameters' values (for legends, ticks and row labels). */
  labels: ParamLabels;
  /** An artifact's bytes, read on demand. */
  artifact(runId: number, name: string): Artifact | undefined;
}

/** At most this many points per series are embedded (evenly thinned, last point kept): pages stay small. */
export const MAX_SERIES_POINTS = 300;

/** Thins a series to at most `max` points, keeping the first and last. */
export function thinSeries(points: readonly SeriesPoint[], max = MAX_SERIES_POINTS): SeriesPoint[] {
  if (points.length <= max) return [...points];
  const out: SeriesPoint[] = [];
  const stride = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * stride)]);
  return out;
}

const paramKey = (value: JsonValue | undefined): string => JSON.stringify(value ?? null);

/** Parameters (seed excluded) whose values differ between runs, sorted by name. */
export function sweptParams(runs: readonly RunWithDetails[]): string[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].filter((k) => k !== 'seed').sort();
  return keys.filter((key) => new Set(runs.map((r) => paramKey(r.params[key]))).size > 1);
}

function configIdentity(run: RunWithDetails): string {
  const params = Object.keys(run.params).filter((k) => k !== 'seed').sort().map((k) => [k, run.params[k]]);
  return JSON.stringify([run.variant, run.dataset, params]);
}

/** Positive values spanning this ratio or more get a logarithmic axis (β 1…16 does). */
export const LOG_AXIS_RATIO = 10;

/**
 * Chooses the x axis: the swept parameter with most distinct values (a numeric one on ties: it
 * gets a real scale), else the variant, else the configuration. The studied factor of a sweep is
 * the one it spends most runs on; the others become lines.
 */
export function chooseAxis(runs: readonly ReportRun[], swept: readonly string[], variants: readonly string[], labels = new ParamLabels(runs, swept)): HyperAxis {
  const distinct = (key: string): JsonValue[] => {
    const seen = new Map<string, JsonValue>();
    for (const r of runs) if (key in r.params) seen.set(paramKey(r.params[key]), r.params[key]);
    return [...seen.values()];
  };
  const numeric = swept.filter((k) => distinct(k).every((v) => typeof v === 'number'));
  const score = (k: string): number => distinct(k).length * 2 + (numeric.includes(k) ? 1 : 0);
  const key = [...swept].sort((a, b) => score(b) - score(a))[0];
  if (key !== undefined && numeric.includes(key)) {
    const values = (distinct(key) as number[]).sort((a, b) => a - b);
    const positive = values.every((v) => v > 0);
    return {
      key, values, numeric: true, log: positive && values[values.length - 1] / values[0] >= LOG_AXIS_RATIO, labels: [],
      x: (run) => (typeof run.params[key] === 'number' ? (run.params[key] as number) : NaN),
    };
  }
  const categorical = (k: string, valueOf: (run: ReportRun) => JsonValue): HyperAxis => {
    const order = new Map<string, number>();
    const values: JsonValue[] = [];
    for (const r of runs) {
      const id = paramKey(valueOf(r));
      if (!order.has(id)) { order.set(id, values.length); values.push(valueOf(r)); }
    }
    return { key: k, values, numeric: false, log: false, labels: values.map((v) => (k === key ? labels.value(k, v) : String(v))), x: (run) => order.get(paramKey(valueOf(run))) ?? NaN };
  };
  if (key !== undefined) return categorical(key, (r) => r.params[key] ?? null);
  if (variants.length > 1) return categorical('variant', (r) => r.variant);
  return categorical('configuration', (r) => r.configLabel);
}

/** Reads a sweep's runs with their series and artifact lists from the store. */
export function loadSweepData(store: ExperimentStore, name: string): SweepData | undefined {
  const sweep = store.getSweep(name);
  if (!sweep) return undefined;
  const details = store.listRuns({ sweep: name });
  const swept = sweptParams(details);
  const variants = [...new Set(details.map((r) => r.variant))];
  const labels = new ParamLabels(details, swept);
  const runs: ReportRun[] = details.map((r) => {
    const series: Record<string, SeriesPoint[]> = {};
    for (const [key, points] of Object.entries(store.getAllSeries(r.id))) series[key] = thinSeries(points);
    const label = [...(variants.length > 1 ? [r.variant] : []), ...swept.filter((k) => k in r.params).map((k) => labels.pair(k, r.params[k]))]
      .join(', ') || r.variant;
    return { ...r, series, artifacts: store.listArtifacts(r.id), configKey: configIdentity(r), configLabel: label };
  });
  return { sweep, runs, swept, variants, labels, axis: chooseAxis(runs, swept, variants, labels), artifact: (id, n) => store.getArtifact(id, n) };
}

/** Whether a run has an artifact of this name. */
export const hasArtifact = (run: ReportRun, name: string): boolean => run.artifacts.some((a) => a.name === name);
