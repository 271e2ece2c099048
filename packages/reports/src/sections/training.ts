import { axis, baseOptions, notMeasured } from '../charts.ts';
import { paletteColor, viridis } from '../colors.ts';
import { html } from '../html.ts';
import type { SafeHtml } from '../html.ts';
import { axisValueLabel } from '../hyper-chart.ts';
import { axisTitle } from '../summary-keys.ts';
import { groupBy } from '../stats.ts';
import type { ReportRun, SweepData } from '../sweep-data.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';

/** Legends list every run up to this many lines; beyond, a colour key replaces them. */
export const MAX_LEGEND_RUNS = 12;

/** The colour of a run: viridis along a numeric hyperparameter, palette colours for categories. */
export function runColor(data: SweepData, run: ReportRun): string {
  const x = data.axis.x(run);
  if (!Number.isFinite(x)) return '#7f7f7f';
  if (!data.axis.numeric) return paletteColor(x);
  const values = data.axis.values as number[];
  const f = (v: number): number => (data.axis.log ? Math.log(v) : v);
  const lo = f(values[0]), hi = f(values[values.length - 1]);
  return viridis(hi > lo ? ((f(x) - lo) / (hi - lo)) * 0.9 : 0.5); // 0.9: the palest yellow is hard to see on white
}

function colorKey(data: SweepData): SafeHtml {
  const seen = groupBy(data.runs, (r) => String(data.axis.x(r)));
  return html`<p class="note">Colour = ${data.axis.key}: ${seen.map((g) => html`<span style="color:${runColor(data, g.runs[0])}">■</span> ${axisValueLabel(data, g.runs[0])} `)}</p>`;
}

function curveChart({ data, charts }: SectionContext, key: string, title: string): SafeHtml {
  const datasets: Record<string, unknown>[] = [];
  for (const r of data.runs) {
    const color = runColor(data, r);
    for (const [k, dashed] of [[key, false], [`test/${key}`, true]] as const) {
      const points = r.series[k];
      if (!points?.length) continue;
      datasets.push({
        type: 'line', label: `#${r.id} ${r.configLabel}, seed ${r.seed}${dashed ? ' (held-out)' : ''}`,
        data: points.filter((p) => Number.isFinite(p.value)).map((p) => ({ x: p.step, y: p.value })),
        borderColor: color, backgroundColor: color, borderWidth: dashed ? 2 : 1.5, pointRadius: dashed ? 2 : 0,
        // A run's training and held-out curves are one legend entry, shown and hidden together.
        vaelabGroup: r.id, ...(dashed ? { borderDash: [6, 4], vaelabLegend: false } : {}),
      });
    }
  }
  if (datasets.length === 0) return notMeasured(title, 'not logged in this sweep');
  const many = data.runs.length > MAX_LEGEND_RUNS;
  const options = baseOptions({ x: axis('training step', { type: 'linear' }), y: axis(axisTitle(key)) });
  if (many) (options.plugins as Record<string, unknown>).legend = { display: false };
  return html`${charts.figure(title, { type: 'line', data: { datasets }, options }, { caption: 'Solid: training batches; dashed: held-out evaluations.' })}`;
}

function rateDistortion({ data, charts }: SectionContext): SafeHtml {
  const title = 'Rate–distortion plane';
  const groups = groupBy(data.runs.filter((r) => Number.isFinite(r.summaries.kl) && Number.isFinite(r.summaries.reconstruction)), (r) => String(data.axis.x(r)));
  if (groups.length === 0) return notMeasured(title);
  const datasets = groups.map((g) => {
    const color = runColor(data, g.runs[0]);
    return {
      type: 'scatter', label: `${data.axis.key}=${axisValueLabel(data, g.runs[0])}`,
      data: g.runs.map((r) => ({ x: r.summaries.kl, y: r.summaries.reconstruction })), borderColor: color,
      backgroundColor: color, pointRadius: 5,
    };
  });
  return charts.figure(title, {
    type: 'scatter', data: { datasets },
    options: baseOptions({ x: axis('Rate: KL (nats)'), y: axis('Distortion: reconstruction (nats)') }),
  }, { caption: 'One point per run. Lower-left is better; moving along the frontier trades rate for distortion (β does this).' });
}

/** Loss, reconstruction, KL and ELBO curves per run, and the rate–distortion plane. */
export function trainingSection(ctx: SectionContext): Section {
  const many = ctx.data.runs.length > MAX_LEGEND_RUNS;
  return section('training', 'Training', 'One line per run, coloured by the swept hyperparameter.',
    html`${many ? colorKey(ctx.data) : ''}<div class="charts">${curveChart(ctx, 'loss', 'Loss')}${curveChart(ctx, 'reconstruction', 'Reconstruction')}
${curveChart(ctx, 'kl', 'KL')}${curveChart(ctx, 'elbo', 'ELBO')}${rateDistortion(ctx)}</div>`);
}
