import { heatmapSvg } from '../heatmap.ts';
import { html } from '../html.ts';
import { hyperChart } from '../hyper-chart.ts';
import type { ReportRun } from '../sweep-data.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';

/** Indices of `<prefix><i>` summary keys present in any run, ascending. */
export function indexedKeys(runs: readonly ReportRun[], prefix: string): number[] {
  const pattern = new RegExp(`^${prefix.replace('/', '\\/')}(\\d+)$`);
  const found = new Set<number>();
  for (const r of runs) for (const k of Object.keys(r.summaries)) {
    const m = pattern.exec(k);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

function heatmap(runs: readonly ReportRun[], prefix: string, colLabel: (i: number) => string, legend: string) {
  const idx = indexedKeys(runs, prefix);
  const rows = runs.filter((r) => idx.some((i) => `${prefix}${i}` in r.summaries));
  if (rows.length === 0) return null;
  return heatmapSvg({
    rowLabels: rows.map((r) => `#${r.id} ${r.configLabel}, seed ${r.seed}`),
    colLabels: idx.map(colLabel),
    values: rows.map((r) => idx.map((i) => r.summaries[`${prefix}${i}`] ?? NaN)),
    legend,
  });
}

/** Active units, mutual information and KL against the hyperparameter; KL per dimension (and per layer) across runs. */
export function collapseSection({ data, charts }: SectionContext): Section {
  const dims = heatmap(data.runs, 'kl/dim', (i) => `z${i}`, 'KL (nats)');
  const layers = indexedKeys(data.runs, 'kl/layer');
  const layerCharts = layers.flatMap((i) => [
    hyperChart(charts, data, `kl/layer${i}`),
    ...(data.runs.some((r) => `active_units/layer${i}` in r.summaries) ? [hyperChart(charts, data, `active_units/layer${i}`)] : []),
  ]);
  return section('collapse', 'Posterior collapse',
    'A collapsed posterior puts q(z|x) on the prior: KL and mutual information near 0, few active units (dimensions whose encoder mean varies with x).',
    html`<div class="charts">${hyperChart(charts, data, 'active_units')}${hyperChart(charts, data, 'mutual_information')}${hyperChart(charts, data, 'kl')}</div>
<h3>KL per latent dimension</h3>
${dims ?? html`<p class="empty-state">KL per dimension: not measured in this sweep</p>`}
${layers.length ? html`<h3>Per layer (hierarchical runs)</h3><div class="charts">${layerCharts}</div>${heatmap(data.runs, 'kl/layer', (i) => `layer ${i}`, 'KL (nats)')}` : ''}`);
}
