import { axis, baseOptions, hyperScale, notMeasured } from './charts.ts';
import type { ChartRegistry } from './charts.ts';
import { paletteColor, withAlpha } from './colors.ts';
import { formatParam } from './format.ts';
import type { SafeHtml } from './html.ts';
import { axisTitle, summaryKeyInfo } from './summary-keys.ts';
import { aggregate, groupBy } from './stats.ts';
import type { HyperAxis, ReportRun, SweepData } from './sweep-data.ts';

/** Marker shapes of successive line groups, so that groups differ in more than colour. */
export const POINT_STYLES = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross'] as const;

/** Runs grouped into the lines of a hyperparameter chart: same variant and same other swept parameters. */
export function lineGroups(data: SweepData): { label: string; runs: ReportRun[] }[] {
  const others = data.swept.filter((k) => k !== data.axis.key);
  const withVariant = data.variants.length > 1 && data.axis.key !== 'variant';
  const labelOf = (r: ReportRun): string =>
    [...(withVariant ? [r.variant] : []), ...others.filter((k) => k in r.params).map((k) => data.labels.pair(k, r.params[k]))].join(', ') || 'mean over seeds';
  return groupBy(data.runs, labelOf).map((g) => ({ label: g.key, runs: g.runs }));
}

/**
 * A small sideways shift of line group `index` of `count`, so that groups measured at the same x
 * do not hide each other: a fraction of a category, a few percent of a decade on a log axis, or
 * of the range on a linear one. Returns the function shifting an x value.
 */
export function groupOffset(axisInfo: Pick<HyperAxis, 'numeric' | 'log' | 'values'>, index: number, count: number): (x: number) => number {
  if (count < 2) return (x) => x;
  const centred = index - (count - 1) / 2;
  if (!axisInfo.numeric) {
    const step = Math.min(0.12, 0.6 / count);
    return (x) => x + centred * step;
  }
  const values = axisInfo.values.filter((v): v is number => typeof v === 'number');
  if (axisInfo.log) return (x) => x * 10 ** (centred * Math.min(0.02, 0.1 / count));
  const span = values.length > 1 ? values[values.length - 1] - values[0] : 1;
  return (x) => x + centred * span * Math.min(0.012, 0.06 / count);
}

/** Options of {@link hyperChart}. */
export interface HyperChartOptions {
  /** Draw mean ± std error bars at each x. @default false */
  errorBars?: boolean;
  /** Chart title. @default the metric's label */
  title?: string;
  /** A caveat added to the caption (an estimator's ceiling, a classifier's accuracy). @default none */
  note?: string;
}

/**
 * One metric against the swept hyperparameter: a point per run (seed) and, per line group, the
 * mean over seeds at each x joined by a line. Groups differ in colour and marker, are shifted
 * slightly sideways, and have one legend entry each (clicking it hides line and points alike).
 * Returns the empty state when no run has the metric.
 */
export function hyperChart(charts: ChartRegistry, data: SweepData, metric: string, options: HyperChartOptions = {}): SafeHtml {
  const title = options.title ?? summaryKeyInfo(metric).label;
  const datasets: Record<string, unknown>[] = [];
  const groups = lineGroups(data).map((group) => ({
    ...group,
    points: group.runs.map((r) => ({ x: data.axis.x(r), y: r.summaries[metric] }))
      .filter((p): p is { x: number; y: number } => Number.isFinite(p.x) && p.y !== undefined && Number.isFinite(p.y)),
  })).filter((g) => g.points.length > 0);
  if (groups.length === 0) return notMeasured(title);
  groups.forEach((group, gi) => {
    const color = paletteColor(gi);
    const pointStyle = POINT_STYLES[gi % POINT_STYLES.length];
    const shift = groupOffset(data.axis, gi, groups.length);
    const byX = groupBy(group.points, (p) => String(p.x)).map((g) => ({ x: Number(g.key), ...aggregate(g.runs.map((p) => p.y)) }))
      .sort((a, b) => a.x - b.x);
    const label = group.label === 'mean over seeds' ? 'mean over seeds' : group.label;
    datasets.push({
      type: 'line', label, data: byX.map((m) => ({ x: shift(m.x), y: m.mean })), borderColor: color, backgroundColor: color,
      borderWidth: 2, pointRadius: 4, pointStyle, order: 1, vaelabGroup: gi,
      ...(options.errorBars ? { vaelabErrorBars: byX.map((m) => ({ x: shift(m.x), lo: m.mean - m.std, hi: m.mean + m.std })) } : {}),
    });
    datasets.push({
      type: 'scatter', label: `${label} (per seed)`, data: group.points.map(({ x, y }) => ({ x: shift(x), y })), borderColor: color,
      backgroundColor: withAlpha(color, 0.35), pointRadius: 4, pointStyle, order: 2, vaelabGroup: gi, vaelabLegend: false,
    });
  });
  const m = summaryKeyInfo(metric);
  const y = axis(axisTitle(metric), m.range ? { min: m.range[0], max: m.range[1] } : {});
  const shifted = groups.length > 1 ? ' Lines are shifted slightly sideways so that they do not hide each other.' : '';
  return charts.figure(title, {
    type: 'scatter',
    data: { datasets },
    options: baseOptions({ x: hyperScale(data.axis.key, data.axis), y }),
  }, { caption: `${options.errorBars ? 'Points: one per seed. Line: mean over seeds; bars: ± one standard deviation.' : 'Points: one per seed. Line: mean over seeds.'}${shifted}${options.note ? ` ${options.note}` : ''}` });
}

/** The hyperparameter value of a run as text (for legends). */
export function axisValueLabel(data: SweepData, run: ReportRun): string {
  const x = data.axis.x(run);
  return data.axis.numeric ? formatParam(x) : data.axis.labels[x] ?? '?';
}
