import { axis, baseOptions, hyperScale, notMeasured } from './charts.ts';
import type { ChartRegistry } from './charts.ts';
import { paletteColor, withAlpha } from './colors.ts';
import { formatParam } from './format.ts';
import type { SafeHtml } from './html.ts';
import { axisTitle, metricInfo } from './metrics.ts';
import { aggregate, groupBy } from './stats.ts';
import type { ReportRun, SweepData } from './sweep-data.ts';

/** Runs grouped into the lines of a hyperparameter chart: same variant and same other swept parameters. */
export function lineGroups(data: SweepData): { label: string; runs: ReportRun[] }[] {
  const others = data.swept.filter((k) => k !== data.axis.key);
  const withVariant = data.variants.length > 1 && data.axis.key !== 'variant';
  const labelOf = (r: ReportRun): string =>
    [...(withVariant ? [r.variant] : []), ...others.map((k) => `${k}=${formatParam(r.params[k])}`)].join(', ') || 'mean over seeds';
  return groupBy(data.runs, labelOf).map((g) => ({ label: g.key, runs: g.runs }));
}

/** Options of {@link hyperChart}. */
export interface HyperChartOptions {
  /** Draw mean ± std error bars at each x. @default false */
  errorBars?: boolean;
  /** Chart title. @default the metric's label */
  title?: string;
}

/**
 * One metric against the swept hyperparameter: a point per run (seed) and, per line group, the
 * mean over seeds at each x joined by a line. Returns the empty state when no run has the metric.
 */
export function hyperChart(charts: ChartRegistry, data: SweepData, metric: string, options: HyperChartOptions = {}): SafeHtml {
  const title = options.title ?? metricInfo(metric).label;
  const datasets: Record<string, unknown>[] = [];
  let any = false;
  lineGroups(data).forEach((group, gi) => {
    const color = paletteColor(gi);
    const points = group.runs
      .map((r) => ({ x: data.axis.x(r), y: r.summaries[metric], run: r.id }))
      .filter((p) => Number.isFinite(p.x) && p.y !== undefined && Number.isFinite(p.y));
    if (points.length === 0) return;
    any = true;
    const byX = groupBy(points, (p) => String(p.x)).map((g) => ({ x: Number(g.key), ...aggregate(g.runs.map((p) => p.y)) }))
      .sort((a, b) => a.x - b.x);
    const prefix = group.label === 'mean over seeds' ? '' : `${group.label}: `;
    datasets.push({
      type: 'line', label: `${prefix}mean`, data: byX.map((m) => ({ x: m.x, y: m.mean })), borderColor: color, backgroundColor: color,
      borderWidth: 2, pointRadius: 3, order: 1,
      ...(options.errorBars ? { vaelabErrorBars: byX.map((m) => ({ x: m.x, lo: m.mean - m.std, hi: m.mean + m.std })) } : {}),
    });
    datasets.push({
      type: 'scatter', label: `${prefix}per seed`, data: points.map(({ x, y }) => ({ x, y })), borderColor: color,
      backgroundColor: withAlpha(color, 0.35), pointRadius: 4, order: 2,
    });
  });
  if (!any) return notMeasured(title);
  const m = metricInfo(metric);
  const y = axis(axisTitle(metric), m.range ? { min: m.range[0], max: m.range[1] } : {});
  return charts.figure(title, {
    type: 'scatter',
    data: { datasets },
    options: baseOptions({ x: hyperScale(data.axis.key, data.axis), y }),
  }, { caption: options.errorBars ? 'Points: one per seed. Line: mean over seeds; bars: ± one standard deviation.' : 'Points: one per seed. Line: mean over seeds.' });
}

/** The hyperparameter value of a run as text (for legends). */
export function axisValueLabel(data: SweepData, run: ReportRun): string {
  const x = data.axis.x(run);
  return data.axis.numeric ? formatParam(x) : data.axis.labels[x] ?? '?';
}
