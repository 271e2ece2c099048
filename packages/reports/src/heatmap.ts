import { viridis } from './colors.ts';
import { formatNumber } from './format.ts';
import { html } from './html.ts';
import type { SafeHtml } from './html.ts';

/** Input of {@link heatmapSvg}. */
export interface HeatmapInput {
  rowLabels: string[];
  colLabels: string[];
  /** values[row][col]; NaN cells are drawn grey. */
  values: number[][];
  /** Legend title, e.g. `KL (nats)`. */
  legend: string;
  /** Cell width in pixels. @default wide enough for the column labels (26 px or more) up to 40 columns; 14 px beyond */
  cellWidth?: number;
  /** Colour scale limits, shared between panels. @default the finite values' min and max */
  range?: [number, number];
}

/** Beyond this many columns, cells narrow and only every {@link SPARSE_LABEL_STEP}-th column is labelled. */
export const DENSE_COLUMNS = 40;
/** Column-label stride of a dense heatmap. */
export const SPARSE_LABEL_STEP = 5;

const CELL_HEIGHT = 16, TOP = 26;

/**
 * A heatmap with row and column labels and a viridis colour legend. Cells keep a legible size
 * whatever the number of columns: row labels and legend stay in place while the cells scroll
 * sideways inside their own box, instead of one wide SVG being shrunk to the page width.
 */
export function heatmapSvg(input: HeatmapInput): SafeHtml {
  const dense = input.colLabels.length > DENSE_COLUMNS;
  const cw = input.cellWidth ?? (dense ? 14 : Math.max(26, 7 * Math.max(0, ...input.colLabels.map((l) => l.length)) + 6));
  const labelWidth = Math.min(360, 12 + 6.6 * Math.max(4, ...input.rowLabels.map((l) => l.length)));
  const finite = input.values.flat().filter(Number.isFinite);
  const [lo, hi] = input.range ?? (finite.length ? [Math.min(...finite), Math.max(...finite)] : [0, 1]);
  const t = (v: number): number => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  const height = TOP + input.rowLabels.length * CELL_HEIGHT + 10;
  const cellsWidth = input.colLabels.length * cw + 4;
  const cells = input.values.map((row, i) => row.map((v, j) => html`<rect x="${j * cw}" y="${TOP + i * CELL_HEIGHT}" width="${cw - 1}" height="${CELL_HEIGHT - 1}" fill="${Number.isFinite(v) ? viridis(t(v)) : '#ccc'}"><title>${input.rowLabels[i]}, ${input.colLabels[j]}: ${formatNumber(v)}</title></rect>`));
  const rows = input.rowLabels.map((l, i) => html`<text x="${labelWidth - 6}" y="${TOP + i * CELL_HEIGHT + 12}" text-anchor="end" font-size="11">${l}</text>`);
  const cols = input.colLabels.map((l, j) => (!dense || j % SPARSE_LABEL_STEP === 0
    ? html`<text x="${j * cw + cw / 2}" y="${TOP - 8}" text-anchor="${dense ? 'start' : 'middle'}" font-size="11">${l}</text>` : ''));
  const lh = 150;
  const gradient = `hm-grad-${Math.round(lo * 1000)}-${Math.round(hi * 1000)}-${input.rowLabels.length}-${input.colLabels.length}`;
  const stops = Array.from({ length: 11 }, (_, k) => html`<stop offset="${k * 10}%" stop-color="${viridis(1 - k / 10)}"/>`);
  return html`<div class="heatmap" role="img" aria-label="${input.legend} heatmap">
<svg class="heatmap-rows" xmlns="http://www.w3.org/2000/svg" width="${labelWidth}" height="${height}">${rows}</svg>
<div class="heatmap-cells"><svg xmlns="http://www.w3.org/2000/svg" width="${cellsWidth}" height="${height}">${cols}${cells}</svg></div>
<svg class="heatmap-legend" xmlns="http://www.w3.org/2000/svg" width="120" height="${Math.max(height, TOP + lh + 10)}">
<defs><linearGradient id="${gradient}" x1="0" y1="0" x2="0" y2="1">${stops}</linearGradient></defs>
<text x="4" y="${TOP - 8}" font-size="11" font-weight="bold">${input.legend}</text>
<rect x="4" y="${TOP}" width="14" height="${lh}" fill="url(#${gradient})" stroke="#999"/>
<text x="24" y="${TOP + 10}" font-size="11">${formatNumber(hi)}</text>
<text x="24" y="${TOP + lh}" font-size="11">${formatNumber(lo)}</text>
</svg></div>`;
}
