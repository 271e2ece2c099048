import { axis, baseOptions, hyperScale } from '../charts.ts';
import type { ChartRegistry } from '../charts.ts';
import { paletteColor, viridis, withAlpha } from '../colors.ts';
import { formatMeanStd } from '../format.ts';
import { html } from '../html.ts';
import type { SafeHtml } from '../html.ts';
import { summaryKeyInfo } from '../summary-keys.ts';
import { spearman } from '../rank-correlation.ts';
import { aggregate } from '../stats.ts';
import type { ReportRun, SweepData } from '../sweep-data.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';

/**
 * Supervised disentanglement scores a methods study compares, in Locatello et al. 2019's order
 * (β-VAE, FactorVAE, MIG, DCI disentanglement, Modularity, SAP), then the others
 * disentanglement_lib computes.
 */
export const METHOD_METRICS = ['beta_vae_score', 'factor_vae_score', 'mig', 'dci_disentanglement', 'modularity', 'sap', 'irs', 'explicitness', 'dci_completeness', 'dci_informativeness'] as const;

/** The disentanglement metrics that some run of the sweep measured, in {@link METHOD_METRICS} order. */
export function measuredMethodMetrics(runs: readonly ReportRun[]): string[] {
  return METHOD_METRICS.filter((m) => runs.some((r) => Number.isFinite(r.summaries[m])));
}

/** Spearman's ρ between every pair of metrics across runs (pairwise-complete), as a square matrix. */
export function metricRankCorrelations(runs: readonly ReportRun[], metrics: readonly string[]): { rho: number; n: number }[][] {
  const column = (m: string): number[] => runs.map((r) => r.summaries[m] ?? NaN);
  return metrics.map((a) => metrics.map((b) => spearman(column(a), column(b))));
}

/**
 * The method of a run: the `method` parameter a methods sweep records (AnnealedVAE and β-VAE
 * share the variant beta-vae, DIP-VAE-I and -II the variant dip-vae), else the variant.
 */
export const methodOf = (run: ReportRun): string => (typeof run.params.method === 'string' ? run.params.method : run.variant);

/** The methods of a sweep in run order. */
export const methodsOf = (runs: readonly ReportRun[]): string[] => [...new Set(runs.map(methodOf))];

/** Deterministic sideways spread of the k-th point of a method, so that equal scores stay visible. */
const jitter = (k: number): number => (((k * 7) % 11) / 10 - 0.5) * 0.5;

function metricFigure(charts: ChartRegistry, data: SweepData, methods: readonly string[], metric: string): SafeHtml {
  const datasets = methods.flatMap((method, i) => {
    const runs = data.runs.filter((r) => methodOf(r) === method && Number.isFinite(r.summaries[metric]));
    if (runs.length === 0) return [];
    const color = paletteColor(i);
    const a = aggregate(runs.map((r) => r.summaries[metric]));
    return [
      { type: 'scatter', label: `${method}: runs`, data: runs.map((r, k) => ({ x: i + jitter(k), y: r.summaries[metric] })), backgroundColor: withAlpha(color, 0.45), borderColor: color, pointRadius: 4 },
      {
        type: 'scatter', label: `${method}: mean`, data: [{ x: i, y: a.mean }], backgroundColor: color, borderColor: '#222', pointRadius: 7, pointStyle: 'rectRot',
        vaelabErrorBars: [{ x: i, lo: a.mean - a.std, hi: a.mean + a.std }],
      },
    ];
  });
  const info = summaryKeyInfo(metric);
  return charts.figure(info.label, {
    type: 'scatter', data: { datasets },
    options: { ...baseOptions({ x: hyperScale('method', { numeric: false, log: false, labels: [...methods] }), y: axis(info.label, { min: 0, max: 1 }) }), plugins: { legend: { display: false } } },
  }, { caption: 'Small points: one run each (every seed and hyperparameter setting of the method). Diamond: mean; whiskers: ± one standard deviation.' });
}

function correlationTable(metrics: readonly string[], matrix: { rho: number; n: number }[][]): SafeHtml {
  const label = (m: string): string => summaryKeyInfo(m).label;
  const rows = metrics.map((m, i) => html`<tr><th>${label(m)}</th>${matrix[i].map((c, j) => {
    const finite = Number.isFinite(c.rho);
    // Colour by ρ from -1 (dark) to 1 (yellow); the number is printed too, so no colour needs decoding.
    const style = finite ? `background:${viridis((c.rho + 1) / 2)};color:${c.rho > 0.2 ? '#111' : '#fff'}` : '';
    return html`<td class="num rho" style="${style}" data-rho="${finite ? c.rho.toFixed(6) : ''}" data-pair="${metrics[i]}|${metrics[j]}" title="${label(m)} vs ${label(metrics[j])}: ${c.n} runs">${finite ? c.rho.toFixed(2) : '–'}</td>`;
  })}</tr>`);
  return html`<div class="table-wrap"><table id="rank-correlation"><thead><tr><th></th>${metrics.map((m) => html`<th>${label(m)}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/**
 * For a sweep over several methods: every method against every disentanglement metric with the
 * spread over runs (Locatello et al. 2019, Figure 7's per-model score distributions), and
 * Spearman's rank correlation between the metrics across all runs (their Figure 2). Undefined
 * unless the sweep has at least two methods (or variants) and two measured disentanglement metrics.
 */
export function methodsSection({ data, charts }: SectionContext): Section | undefined {
  const metrics = measuredMethodMetrics(data.runs);
  const methods = methodsOf(data.runs);
  if (methods.length < 2 || metrics.length < 2) return undefined;
  const table = html`<div class="table-wrap"><table data-sortable id="methods-table"><thead><tr><th>metric</th>${methods.map((v) => html`<th>${v}</th>`)}</tr></thead><tbody>
${metrics.map((m) => html`<tr><td>${summaryKeyInfo(m).label}</td>${methods.map((method) => {
    const a = aggregate(data.runs.filter((r) => methodOf(r) === method).map((r) => r.summaries[m]));
    return html`<td class="num" data-value="${Number.isFinite(a.mean) ? String(a.mean) : ''}">${formatMeanStd(a.mean, a.std, a.n)}${a.n ? html` <span class="note">(${a.n})</span>` : ''}</td>`;
  })}</tr>`)}</tbody></table></div>`;
  const runsUsed = data.runs.filter((r) => metrics.some((m) => Number.isFinite(r.summaries[m]))).length;
  return section('methods', 'Methods and metrics',
    'Each method against each disentanglement metric, with every run shown: Locatello et al. 2019 found that random seeds and hyperparameters move these scores more than the choice of method does, so the spread matters as much as the mean. No winner is marked.',
    html`<div class="charts">${metrics.map((m) => metricFigure(charts, data, methods, m))}</div>
<h3>Mean ± std over runs per method (number of runs)</h3>${table}
<h3>Do the metrics agree? Spearman rank correlation across ${runsUsed} runs</h3>
<p class="note">ρ = 1: two metrics order the runs identically; 0: unrelated orders. Computed over the runs that have both scores (hover a cell for the count). In Locatello et al. 2019 (their Figure 2) the metrics other than Modularity are mostly correlated, most strongly MIG with DCI disentanglement and the β-VAE score with the FactorVAE score; Modularity stands apart.</p>
${correlationTable(metrics, metricRankCorrelations(data.runs, metrics))}`);
}
