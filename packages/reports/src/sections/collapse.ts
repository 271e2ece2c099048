import { miCeiling, valueCaveats } from '../caveats.ts';
import { formatNumber } from '../format.ts';
import { heatmapSvg } from '../heatmap.ts';
import { html } from '../html.ts';
import type { SafeHtml } from '../html.ts';
import { isPerDimKey } from '../summary-keys.ts';
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

const rowLabel = (r: ReportRun): string => `#${r.id} ${r.configLabel}, seed ${r.seed}`;

function heatmap(runs: readonly ReportRun[], prefix: string, colLabel: (i: number) => string, legend: string) {
  const idx = indexedKeys(runs, prefix);
  const rows = runs.filter((r) => idx.some((i) => `${prefix}${i}` in r.summaries));
  if (rows.length === 0) return null;
  return heatmapSvg({
    rowLabels: rows.map(rowLabel),
    colLabels: idx.map(colLabel),
    values: rows.map((r) => idx.map((i) => r.summaries[`${prefix}${i}`] ?? NaN)),
    legend,
  });
}

/**
 * Latent sizes of a hierarchical run's layers, bottom first, from its `layers` parameter
 * (`[100, 50]` or `[{ latentDim: 100 }, …]`); undefined for a single-layer run or when not recorded.
 */
export function layerWidths(run: ReportRun): number[] | undefined {
  const layers = run.params.layers;
  if (!Array.isArray(layers) || layers.length === 0) return undefined;
  const widths = layers.map((l) => (typeof l === 'number' ? l : typeof l === 'object' && l !== null && !Array.isArray(l) && typeof l.latentDim === 'number' ? l.latentDim : NaN));
  return widths.every((w) => Number.isInteger(w) && w > 0) ? widths : undefined;
}

/**
 * KL per dimension as panels: one for single-layer runs, and for hierarchical runs one per
 * layer (their \`kl/dim<j>\` are the layers' dimensions concatenated bottom-up), so that a
 * collapsed layer shows as a dark band of its own and a wide layer does not squeeze the others.
 */
function klPanels(runs: readonly ReportRun[]): SafeHtml | null {
  const withDims = runs.filter((r) => Object.keys(r.summaries).some(isPerDimKey));
  if (withDims.length === 0) return null;
  const flat = withDims.filter((r) => layerWidths(r) === undefined);
  const layered = withDims.filter((r) => layerWidths(r) !== undefined);
  const panels: SafeHtml[] = [];
  if (flat.length) panels.push(html`<div class="heatmap-panel">${layered.length ? html`<h4>Single-layer runs</h4>` : ''}${heatmap(flat, 'kl/dim', (i) => `z${i}`, 'KL (nats)')}</div>`);
  const depth = Math.max(0, ...layered.map((r) => layerWidths(r)!.length));
  for (let l = 0; l < depth; l++) {
    const rows = layered.filter((r) => layerWidths(r)!.length > l);
    const offset = (r: ReportRun): number => layerWidths(r)!.slice(0, l).reduce((a, b) => a + b, 0);
    const width = Math.max(...rows.map((r) => layerWidths(r)![l]));
    panels.push(html`<div class="heatmap-panel"><h4>Layer ${l + 1}${l === 0 ? ' (bottom, next to x)' : l === depth - 1 ? ' (top)' : ''}</h4>${heatmapSvg({
      rowLabels: rows.map(rowLabel),
      colLabels: Array.from({ length: width }, (_, j) => `z${l + 1}.${j}`),
      values: rows.map((r) => Array.from({ length: width }, (_, j) => (j < layerWidths(r)![l] ? r.summaries[`kl/dim${offset(r) + j}`] ?? NaN : NaN))),
      legend: 'KL (nats)',
    })}</div>`);
  }
  return html`${panels}`;
}

/** The MI estimator's ceiling, and how many runs reach it or fall below 0. */
function miNote(runs: readonly ReportRun[]): string {
  const ceilings = [...new Set(runs.filter((r) => 'mutual_information' in r.summaries).map((r) => miCeiling(r.summaries)))];
  const flagged = runs.filter((r) => valueCaveats(r.summaries).mutual_information !== undefined).map((r) => `#${r.id}`);
  return `The estimator (He et al. 2019) cannot exceed log B, B the examples per estimate of q(z): ${ceilings.map((c) => `log ${Math.round(Math.exp(c))} = ${formatNumber(c)} nats`).join(', ')}; values near it are lower bounds, negative ones are bias.${flagged.length ? ` At the ceiling or negative: run ${flagged.join(', ')}.` : ''}`;
}

/** Active units, mutual information and KL against the hyperparameter; KL per dimension (and per layer) across runs. */
export function collapseSection({ data, charts }: SectionContext): Section {
  const dims = klPanels(data.runs);
  const layers = indexedKeys(data.runs, 'kl/layer');
  const layerCharts = layers.flatMap((i) => [
    hyperChart(charts, data, `kl/layer${i}`),
    ...(data.runs.some((r) => `active_units/layer${i}` in r.summaries) ? [hyperChart(charts, data, `active_units/layer${i}`)] : []),
  ]);
  return section('collapse', 'Posterior collapse',
    'A collapsed posterior puts q(z|x) on the prior: KL and mutual information near 0, few active units (dimensions whose encoder mean varies with x).',
    html`<div class="charts">${hyperChart(charts, data, 'active_units')}${hyperChart(charts, data, 'mutual_information', { note: miNote(data.runs) })}${hyperChart(charts, data, 'kl')}</div>
<h3>KL per latent dimension</h3>
${dims ?? html`<p class="empty-state">KL per dimension: not measured in this sweep</p>`}
${layers.length ? html`<h3>Per layer (hierarchical runs)</h3><div class="charts">${layerCharts}</div>${heatmap(data.runs, 'kl/layer', (i) => `layer ${i}`, 'KL (nats)')}` : ''}`);
}
