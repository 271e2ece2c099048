import { axis, baseOptions } from '../charts.ts';
import { paletteColor } from '../colors.ts';
import { compareConfigurations } from '../comparison.ts';
import type { Comparison, ComparisonColumn } from '../comparison.ts';
import { html } from '../html.ts';
import type { SafeHtml } from '../html.ts';
import { summaryKeyInfo } from '../summary-keys.ts';
import type { SectionContext, Section } from './context.ts';
import { section } from './context.ts';
import { presentSummaryKeys } from './runs-table.ts';

function cell(comparison: Comparison, column: ComparisonColumn, rowIndex: number): SafeHtml {
  const row = comparison.rows[rowIndex];
  if (!column.applies(row)) return html`<td class="num na" title="does not apply">·</td>`;
  const agg = column.value(row);
  const value = Number.isFinite(agg.mean) ? String(agg.mean) : '';
  const why = column.ineligible(row);
  const text = column.text(row);
  const isBest = comparison.best.get(column.id) === rowIndex;
  return html`<td class="num${isBest ? ' best' : ''}" data-value="${value}">${isBest ? html`<strong title="best of the configurations this column compares">${text}</strong>` : text}${why ? html` <span class="caveat" title="${why}">⚠</span>` : ''}</td>`;
}

function chart({ charts }: SectionContext, comparison: Comparison, column: ComparisonColumn): SafeHtml | undefined {
  const rows = comparison.rows.filter((r) => column.applies(r) && column.value(r).n > 0);
  if (rows.length === 0) return undefined;
  const variants = [...new Set(comparison.rows.map((r) => r.variant))];
  const aggs = rows.map((r) => column.value(r));
  const share = column.metric === 'active_units';
  return charts.figure(column.title, {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [{
        label: 'mean over seeds', data: aggs.map((a) => (Number.isFinite(a.mean) ? a.mean : null)),
        backgroundColor: rows.map((r) => paletteColor(variants.indexOf(r.variant))), borderColor: '#333',
        vaelabErrorBars: aggs.map((a, i) => ({ x: i, lo: a.mean - a.std, hi: a.mean + a.std })),
      }],
    },
    options: {
      ...baseOptions({
        x: axis('configuration', { ticks: { autoSkip: false, maxRotation: 40 } }),
        y: axis(share ? 'active units (fraction of latent dims)' : summaryKeyInfo(column.metric).unit || column.title, share || summaryKeyInfo(column.metric).range ? { min: 0, max: 1 } : {}),
      }),
      plugins: { legend: { display: false } },
    },
  }, { caption: 'One bar per configuration (colour = variant), mean over its seeds; whiskers: ± one standard deviation.' });
}

/**
 * Every configuration against every metric it measured, a row per configuration (seeds
 * aggregated, never other hyperparameters), with the fixed settings that differ between them.
 * A winner is marked only inside a valid comparison: conditional and unconditional likelihoods
 * are separate columns, objectives that differ by variant have none, precision competes only
 * with enough recall. Undefined for a sweep of one variant.
 */
export function variantsSection(ctx: SectionContext): Section | undefined {
  const { data } = ctx;
  if (data.variants.length < 2) return undefined;
  const comparison = compareConfigurations(data, presentSummaryKeys(data.runs));
  const { rows, columns, settingFields } = comparison;
  const groups: { name: string; span: number }[] = [];
  for (const c of columns) {
    if (groups.length && groups[groups.length - 1].name === c.group) groups[groups.length - 1].span++;
    else groups.push({ name: c.group, span: 1 });
  }
  const lead = settingFields.length ? 2 + settingFields.length : 2;
  const head = html`<tr><th colspan="${lead}"></th>${groups.map((g) => html`<th colspan="${g.span}" class="group">${g.name}</th>`)}</tr>
<tr><th>configuration</th>${settingFields.map((f) => html`<th title="a fixed setting that differs between the compared configurations">${f}</th>`)}<th>seeds</th>${columns.map((c) => html`<th>${c.title}${c.better === 'neither' ? '' : html` <span class="note">${c.better === 'higher' ? '↑' : '↓'}</span>`}</th>`)}</tr>`;
  const body = rows.map((r, i) => html`<tr><td>${r.label}${r.conditional ? html` <span class="note">(conditional)</span>` : ''}</td>${r.settings.map((s) => html`<td>${s}</td>`)}<td class="num">${r.runs.length}</td>${columns.map((c) => cell(comparison, c, i))}</tr>`);
  const figures = columns.filter((c) => c.better !== 'neither').map((c) => chart(ctx, comparison, c)).filter((f): f is SafeHtml => f !== undefined);
  const conditional = rows.some((r) => r.conditional) && rows.some((r) => !r.conditional);
  return section('variants', 'Variants side by side',
    'One row per configuration: mean ± std over its seeds only. Bold marks the best value of a column, and only where the rows compare validly (↑ higher is better, ↓ lower; columns without an arrow have no winner, since the loss contains β·KL and rate and distortion trade off).',
    html`${settingFields.length ? html`<p class="note">Fixed settings differ between these configurations (${settingFields.join(', ')}): they are shown beside the results, because a difference in score may come from them rather than from the method.</p>` : ''}
${conditional ? html`<p class="note">Conditional models bound log p(x|y), which knowing the label makes larger by up to log(number of classes) nats: their likelihoods have columns of their own and are never ranked against log p(x).</p>` : ''}
<div class="table-wrap"><table data-sortable id="variants-table"><thead>${head}</thead><tbody>${body}</tbody></table></div>
<p class="note">⚠ marks a value that is shown but not ranked (hover for why). · : the metric does not apply to that configuration.</p>
<div class="charts">${figures}</div>`);
}
