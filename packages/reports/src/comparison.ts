import { valueCaveats } from './caveats.ts';
import { formatMeanStd, formatNumber } from './format.ts';
import { summaryKeyInfo } from './summary-keys.ts';
import { ModelConfigs, differingSettings, isConditional, latentSize } from './model-settings.ts';
import type { ModelConfig } from './model-settings.ts';
import { aggregate, groupBy } from './stats.ts';
import type { Aggregate } from './stats.ts';
import type { ReportRun, SweepData } from './sweep-data.ts';

/** Precision is compared only where recall reaches this: precision at recall ≈ 0 is one repeated sample (mode collapse), not quality. */
export const MIN_RECALL_FOR_PRECISION = 0.1;

/** One configuration (variant and every parameter but the seed) as a row of the comparison. */
export interface ComparedConfig {
  label: string;
  variant: string;
  runs: ReportRun[];
  /** Models p(x|y): its likelihood bounds are conditional. */
  conditional: boolean;
  config: ModelConfig | undefined;
  latentDim: number | undefined;
  /** Values of the differing fixed settings, in the order of {@link Comparison.settingFields}. */
  settings: string[];
}

/** A column of the comparison: one metric, over the rows it applies to. */
export interface ComparisonColumn {
  id: string;
  metric: string;
  title: string;
  /** Which comparison this column belongs to, shown above it (e.g. `log p(x|y), conditional`). */
  group: string;
  better: 'higher' | 'lower' | 'neither';
  applies(row: ComparedConfig): boolean;
  value(row: ComparedConfig): Aggregate;
  text(row: ComparedConfig): string;
  /** Why this row's value must not win, if it must not (still shown). */
  ineligible(row: ComparedConfig): string | undefined;
}

/** The comparison table's content: rows, columns, and the winners of each column. */
export interface Comparison {
  rows: ComparedConfig[];
  columns: ComparisonColumn[];
  settingFields: string[];
  /** Column id -> index of the best row, only where at least two rows compare validly. */
  best: Map<string, number>;
}

/** Metrics whose value bounds or is part of the likelihood: conditional and unconditional models get separate columns. */
export const LIKELIHOOD_METRICS = ['elbo', 'log_likelihood', 'log_likelihood_elbo', 'reconstruction'] as const;
/** Metrics listed without a winner: objectives differ between variants (the loss includes β·KL), or lower/higher is no better (KL, speed). */
export const UNRANKED_METRICS = ['loss', 'kl', 'reconstruction', 'samples_per_second', 'train_seconds', 'grad_norm_max', 'log_likelihood_elbo', 'classifier_accuracy'] as const;

const seedValues = (row: ComparedConfig, metric: string): Aggregate => aggregate(row.runs.map((r) => r.summaries[metric]));

function metricColumn(metric: string, group: string, applies: (row: ComparedConfig) => boolean, titleSuffix = ''): ComparisonColumn {
  const info = summaryKeyInfo(metric);
  return {
    id: `${metric}${titleSuffix ? `:${group}` : ''}`, metric, title: `${info.label}${titleSuffix}`, group,
    better: (UNRANKED_METRICS as readonly string[]).includes(metric) ? 'neither' : info.better,
    applies, value: (row) => seedValues(row, metric),
    text: (row) => { const a = seedValues(row, metric); return formatMeanStd(a.mean, a.std, a.n); },
    // A value that breaks a bound (IWAE below the ELBO, a negative MI) is shown, never ranked.
    ineligible: (row) => row.runs.map((r) => valueCaveats(r.summaries)[metric]).find((c) => c?.violation)?.text,
  };
}

function activeUnitsColumn(): ComparisonColumn {
  const fraction = (row: ComparedConfig): Aggregate =>
    aggregate(row.runs.map((r) => (row.latentDim ? r.summaries.active_units / row.latentDim : undefined)));
  return {
    id: 'active_units', metric: 'active_units', title: 'Active units', group: 'posterior collapse', better: 'higher',
    applies: (row) => row.runs.some((r) => 'active_units' in r.summaries), value: fraction,
    text: (row) => {
      const count = seedValues(row, 'active_units');
      if (count.n === 0) return '–';
      const share = fraction(row);
      return `${formatMeanStd(count.mean, count.std, count.n)} of ${row.latentDim ?? '?'}${share.n ? ` (${Math.round(share.mean * 100)}%)` : ''}`;
    },
    ineligible: (row) => (row.latentDim ? undefined : 'latent size unknown'),
  };
}

function precisionColumn(): ComparisonColumn {
  const column = metricColumn('precision', 'sample quality', (row) => row.runs.some((r) => 'precision' in r.summaries));
  return {
    ...column,
    ineligible: (row) => {
      const recall = seedValues(row, 'recall');
      return recall.n > 0 && recall.mean < MIN_RECALL_FOR_PRECISION
        ? `recall ${formatNumber(recall.mean)} < ${MIN_RECALL_FOR_PRECISION}: the samples cover almost none of the data, so high precision only means they repeat a few plausible images` : undefined;
    },
  };
}

/** Builds the comparison of every configuration of a sweep on the metrics it measured. */
export function compareConfigurations(data: Pick<SweepData, 'runs' | 'artifact' | 'swept'>, metrics: readonly string[]): Comparison {
  const configs = new ModelConfigs(data);
  const grouped = groupBy(data.runs, (r) => r.configKey).map(({ runs }) => {
    const config = configs.of(runs[0]);
    return { label: runs[0].configLabel, variant: runs[0].variant, runs, conditional: isConditional(runs[0], config), config, latentDim: latentSize(runs[0], config) };
  });
  const { fields, values } = differingSettings(grouped.map((g) => g.config), data.swept);
  const rows: ComparedConfig[] = grouped.map((g, i) => ({ ...g, settings: values[i] }));
  const anyConditional = rows.some((r) => r.conditional), anyUnconditional = rows.some((r) => !r.conditional);
  const has = (metric: string) => (row: ComparedConfig): boolean => row.runs.some((r) => metric in r.summaries);
  const columns: ComparisonColumn[] = [];
  for (const metric of metrics) {
    if (metric === 'active_units') columns.push(activeUnitsColumn());
    else if (metric === 'precision') columns.push(precisionColumn());
    else if ((LIKELIHOOD_METRICS as readonly string[]).includes(metric)) {
      // Never one column for both: log p(x|y) is higher than log p(x) by up to log(classes) nats for free.
      if (anyUnconditional) columns.push(metricColumn(metric, 'log p(x), unconditional', (row) => !row.conditional && has(metric)(row), anyConditional ? ', log p(x)' : ''));
      if (anyConditional) columns.push(metricColumn(metric, 'log p(x|y), conditional', (row) => row.conditional && has(metric)(row), ', log p(x|y)'));
    } else columns.push(metricColumn(metric, groupOf(metric), has(metric)));
  }
  const best = new Map<string, number>();
  for (const column of columns) {
    if (column.better === 'neither') continue;
    const candidates = rows.map((row, i) => ({ i, row, agg: column.applies(row) ? column.value(row) : undefined }))
      .filter((c) => c.agg !== undefined && c.agg.n > 0 && Number.isFinite(c.agg.mean) && column.ineligible(c.row) === undefined);
    if (candidates.length < 2) continue;
    const sign = column.better === 'higher' ? 1 : -1;
    const top = candidates.reduce((a, b) => (sign * b.agg!.mean > sign * a.agg!.mean ? b : a));
    if (candidates.filter((c) => c.agg!.mean === top.agg!.mean).length === 1) best.set(column.id, top.i);
  }
  return { rows, columns, settingFields: fields, best };
}

function groupOf(metric: string): string {
  if (['kl', 'active_units', 'mutual_information'].includes(metric)) return 'posterior collapse';
  if (['frechet_distance', 'frechet_distance_recon', 'precision', 'recall', 'conditional_accuracy', 'classifier_accuracy'].includes(metric)) return 'sample quality';
  if (['samples_per_second', 'train_seconds', 'grad_norm_max', 'loss'].includes(metric)) return 'training';
  return 'disentanglement';
}
