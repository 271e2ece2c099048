import { html } from './html.ts';
import type { SafeHtml } from './html.ts';

/** A chart.js configuration as plain JSON (no functions: it is embedded as data and revived by the page script). */
export type ChartConfig = Record<string, unknown>;

/**
 * Collects the charts of one page. Each chart is a canvas with an id; the configurations go
 * into one JSON script element that the page's chart script reads.
 */
export class ChartRegistry {
  readonly configs: Record<string, ChartConfig> = {};
  private next = 0;

  /** A titled figure with a canvas for `config`. */
  figure(title: string, config: ChartConfig, options: { wide?: boolean; caption?: string } = {}): SafeHtml {
    const id = `chart-${this.next++}`;
    this.configs[id] = config;
    return html`<figure class="chart${options.wide ? ' wide' : ''}"><figcaption>${title}</figcaption><div class="canvas-box"><canvas id="${id}" data-chart role="img" aria-label="${title}"></canvas></div>${options.caption ? html`<p class="caption">${options.caption}</p>` : ''}</figure>`;
  }

  /** How many charts were registered. */
  get size(): number {
    return this.next;
  }
}

/** The standard empty state: a metric the sweep did not measure gets a sentence, not an empty canvas. */
export function notMeasured(title: string, detail = 'not measured in this sweep'): SafeHtml {
  return html`<figure class="chart empty"><figcaption>${title}</figcaption><p class="empty-state">${detail}</p></figure>`;
}

/** An axis with a title. */
export function axis(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: { display: true, text: title, font: { size: 13, weight: 'bold' } }, ...extra };
}

/** A numeric axis with at most this many swept values puts one tick at each of them. */
export const MAX_VALUE_TICKS = 12;

/**
 * x axis for a hyperparameter. Numeric values get a linear or log axis with a tick at every
 * swept value (when there are few); categories sit at 0, 1, 2… with their names as tick labels.
 * The page script places these ticks (`vaelabTicks`) and labels them (`vaelabLabels`): chart.js
 * alone would put a linear axis's ticks at -0.5, 0.5… and a log axis's at powers of ten.
 */
export function hyperScale(title: string, options: { numeric: boolean; log: boolean; labels: string[]; values?: readonly unknown[] }): Record<string, unknown> {
  if (options.numeric) {
    const values = (options.values ?? []).filter((v): v is number => typeof v === 'number');
    const ticks = values.length > 0 && values.length <= MAX_VALUE_TICKS ? { vaelabTicks: values } : {};
    const pad = options.log && values.length ? { min: values[0] / 1.3, max: values[values.length - 1] * 1.3 } : {};
    return axis(title, { type: options.log ? 'logarithmic' : 'linear', ticks: { maxRotation: 0, autoSkip: false }, ...pad, ...ticks });
  }
  return axis(title, {
    type: 'linear', min: -0.5, max: options.labels.length - 0.5, ticks: { maxRotation: 30, autoSkip: false },
    vaelabTicks: options.labels.map((_, i) => i), vaelabLabels: options.labels,
  });
}

/** Common options: no animation (the page is a document, and tests read pixels at once), legible fonts. */
export function baseOptions(scales: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    scales,
    plugins: { legend: { display: true, position: 'bottom', labels: { boxWidth: 12, font: { size: 12 } } } },
    ...extra,
  };
}
