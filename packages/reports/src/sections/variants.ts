import { axis, baseOptions } from '../charts.ts';
import { paletteColor } from '../colors.ts';
import { formatMeanStd } from '../format.ts';
import { html } from '../html.ts';
import { axisTitle, metricInfo } from '../metrics.ts';
import { aggregate } from '../stats.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';
import { presentMetrics } from './runs-table.ts';

/** Every metric per variant (mean ± std over all its runs), best marked; a bar chart per metric. Undefined for one variant. */
export function variantsSection({ data, charts }: SectionContext): Section | undefined {
  if (data.variants.length < 2) return undefined;
  const metrics = presentMetrics(data.runs);
  const table = metrics.map((key) => {
    const aggs = data.variants.map((v) => aggregate(data.runs.filter((r) => r.variant === v).map((r) => r.summaries[key])));
    const better = metricInfo(key).better;
    const means = aggs.map((a) => a.mean).filter(Number.isFinite);
    const best = better === 'neither' || means.length < 2 ? NaN : better === 'higher' ? Math.max(...means) : Math.min(...means);
    return { key, aggs, best };
  });
  const rows = table.map(({ key, aggs, best }) => html`<tr><th>${metricInfo(key).label}${metricInfo(key).unit ? html` <span class="note">(${metricInfo(key).unit})</span>` : ''}</th>
${aggs.map((a) => html`<td class="num">${a.mean === best ? html`<strong>${formatMeanStd(a.mean, a.std, a.n)}</strong>` : formatMeanStd(a.mean, a.std, a.n)}</td>`)}</tr>`);
  const figures = table.filter((t) => t.aggs.some((a) => a.n > 0)).map(({ key, aggs }) => charts.figure(metricInfo(key).label, {
    type: 'bar',
    data: {
      labels: data.variants,
      datasets: [{
        label: 'mean over runs', data: aggs.map((a) => (Number.isFinite(a.mean) ? a.mean : null)),
        backgroundColor: data.variants.map((_, i) => paletteColor(i)), borderColor: '#333',
        vaelabErrorBars: aggs.map((a, i) => ({ x: i, lo: a.mean - a.std, hi: a.mean + a.std })),
      }],
    },
    options: { ...baseOptions({ x: axis('variant'), y: axis(axisTitle(key), metricInfo(key).range ? { min: 0, max: 1 } : {}) }), plugins: { legend: { display: false } } },
  }));
  return section('variants', 'Variants side by side',
    'Every metric per variant, mean ± std over all of its runs (all hyperparameters and seeds); the best mean is bold where higher or lower is better.',
    html`<div class="table-wrap"><table id="variants-table"><thead><tr><th>metric</th>${data.variants.map((v) => html`<th>${v}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>
<div class="charts">${figures}</div>`);
}
