import { formatMeanStd, formatMs, formatNumber, formatParam } from '../format.ts';
import { html } from '../html.ts';
import type { SafeHtml } from '../html.ts';
import { SUMMARY_KEYS, summaryKeyInfo } from '../summary-keys.ts';
import { aggregateSummaries, groupBy } from '../stats.ts';
import { valueCaveats } from '../caveats.ts';
import type { Aggregate } from '../stats.ts';
import type { ReportRun, SweepData } from '../sweep-data.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';

/** The known summary keys some run of the sweep has, in the order of SUMMARY_KEYS. */
export function presentSummaryKeys(runs: readonly ReportRun[]): string[] {
  const present = new Set(runs.flatMap((r) => Object.keys(r.summaries)));
  return SUMMARY_KEYS.map((m) => m.key).filter((k) => present.has(k));
}

/** One configuration (every parameter but the seed) with its runs and the mean ± std of each summary over seeds. */
export interface ConfigurationAggregate {
  label: string;
  variant: string;
  params: ReportRun['params'];
  runs: ReportRun[];
  seeds: number[];
  summaries: Record<string, Aggregate>;
}

/** Groups the runs by configuration and aggregates every summary over their seeds (runs without a value are left out). */
export function configurationAggregates(data: Pick<SweepData, 'runs'>, keys: readonly string[]): ConfigurationAggregate[] {
  return groupBy(data.runs, (r) => r.configKey).map(({ runs }) => ({
    label: runs[0].configLabel,
    variant: runs[0].variant,
    params: runs[0].params,
    runs,
    seeds: runs.map((r) => r.seed),
    summaries: aggregateSummaries(runs, keys),
  }));
}

/** A parameter cell; numbers carry their value so that sorting is numeric. */
const paramCell = (value: ReportRun['params'][string] | undefined): SafeHtml =>
  typeof value === 'number' ? html`<td class="num" data-value="${String(value)}">${formatParam(value)}</td>` : html`<td>${formatParam(value)}</td>`;

const num = (value: number | undefined, caveat?: { text: string; violation: boolean }): SafeHtml =>
  html`<td class="num${caveat?.violation ? ' violation' : ''}" data-value="${value === undefined || !Number.isFinite(value) ? '' : String(value)}">${formatNumber(value)}${caveat ? html` <span class="caveat" title="${caveat.text}">⚠</span>` : ''}</td>`;

function statusCell(run: ReportRun): SafeHtml {
  const text = run.status === 'diverged' && run.divergedStep !== null ? `diverged at step ${run.divergedStep}` : run.status;
  return html`<td><span class="status status-${run.status}">${text}</span>${run.error ? html`<div class="error-text">${run.error}</div>` : ''}</td>`;
}

const caveats = (run: ReportRun) => valueCaveats(run.summaries);

/** Every run: parameters, status (with error or divergence step), time and final summaries; then the seed aggregates. */
export function runsTableSection({ data }: SectionContext): Section {
  const keys = presentSummaryKeys(data.runs);
  const params = data.swept;
  const multiVariant = data.variants.length > 1;
  const runRows = data.runs.map((r) => html`<tr class="${r.status === 'failed' || r.status === 'diverged' ? 'problem' : ''}" data-run="${r.id}">
<td class="num" data-value="${r.id}">${r.id}</td>${multiVariant ? html`<td>${r.variant}</td>` : ''}${params.map((k) => paramCell(r.params[k]))}
<td class="num" data-value="${r.seed}">${r.seed}</td>${statusCell(r)}<td class="num" data-value="${r.durationMs ?? ''}">${formatMs(r.durationMs)}</td>
${keys.map((k) => num(r.summaries[k], caveats(r)[k]))}</tr>`);
  const head = html`${multiVariant ? html`<th>variant</th>` : ''}${params.map((k) => html`<th>${k}</th>`)}`;
  const summaryHeads = keys.map((k) => html`<th title="${summaryKeyInfo(k).unit}">${summaryKeyInfo(k).label}</th>`);
  const aggregates = configurationAggregates(data, keys);
  const aggRows = aggregates.map((a) => {
    const statuses = groupBy(a.runs, (r) => r.status).map((g) => `${g.runs.length} ${g.key}`).join(', ');
    return html`<tr>${multiVariant ? html`<td>${a.variant}</td>` : ''}${params.map((k) => paramCell(a.params[k]))}
<td class="num" data-value="${a.runs.length}">${a.runs.length}</td><td>${statuses}</td>
${keys.map((k) => html`<td class="num" data-value="${Number.isFinite(a.summaries[k].mean) ? String(a.summaries[k].mean) : ''}">${formatMeanStd(a.summaries[k].mean, a.summaries[k].std, a.summaries[k].n)}</td>`)}</tr>`;
  });
  const problems = data.runs.filter((r) => r.status === 'failed' || r.status === 'diverged').length;
  return section('runs', 'Runs',
    `${data.runs.length} runs${problems ? `, ${problems} failed or diverged (highlighted)` : ''}. Click a column header to sort. ⚠ marks a value with a caveat (hover for it); red ones break a bound and are not to be trusted.`,
    html`<div class="table-wrap"><table data-sortable id="runs-table"><thead><tr><th>run</th>${head}<th>seed</th><th>status</th><th>time</th>${summaryHeads}</tr></thead>
<tbody>${runRows}</tbody></table></div>
<h3>Mean ± std over seeds, per configuration</h3>
<div class="table-wrap"><table data-sortable id="seed-table"><thead><tr>${head}<th>runs</th><th>status</th>${summaryHeads}</tr></thead>
<tbody>${aggRows}</tbody></table></div>`);
}
