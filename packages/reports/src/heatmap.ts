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
  /** Cell width in pixels. @default wide enough for the column labels, at least 26 */
  cellWidth?: number;
}

/** An inline SVG heatmap with row and column labels and a viridis colour legend (min..max). */
export function heatmapSvg(input: HeatmapInput): SafeHtml {
  const cw = input.cellWidth ?? Math.max(26, 7 * Math.max(...input.colLabels.map((l) => l.length)) + 6), ch = 16, left = Math.min(320, 12 + 6.6 * Math.max(4, ...input.rowLabels.map((l) => l.length))), top = 26;
  const finite = input.values.flat().filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : 0, hi = finite.length ? Math.max(...finite) : 1;
  const t = (v: number): number => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  const width = left + input.colLabels.length * cw + 140;
  const height = Math.max(top + input.rowLabels.length * ch + 10, 200);
  const cells = input.values.map((row, i) => row.map((v, j) => html`<rect x="${left + j * cw}" y="${top + i * ch}" width="${cw - 1}" height="${ch - 1}" fill="${Number.isFinite(v) ? viridis(t(v)) : '#ccc'}"><title>${input.rowLabels[i]}, ${input.colLabels[j]}: ${formatNumber(v)}</title></rect>`));
  const rows = input.rowLabels.map((l, i) => html`<text x="${left - 6}" y="${top + i * ch + 12}" text-anchor="end" font-size="11">${l}</text>`);
  const cols = input.colLabels.map((l, j) => html`<text x="${left + j * cw + cw / 2}" y="${top - 8}" text-anchor="middle" font-size="11">${l}</text>`);
  const lx = left + input.colLabels.length * cw + 24, lh = 150;
  const stops = Array.from({ length: 11 }, (_, k) => html`<stop offset="${k * 10}%" stop-color="${viridis(1 - k / 10)}"/>`);
  return html`<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${input.legend} heatmap">
<defs><linearGradient id="hm-grad-${lx}-${input.rowLabels.length}" x1="0" y1="0" x2="0" y2="1">${stops}</linearGradient></defs>
${cols}${rows}${cells}
<rect x="${lx}" y="${top}" width="14" height="${lh}" fill="url(#hm-grad-${lx}-${input.rowLabels.length})" stroke="#999"/>
<text x="${lx + 20}" y="${top + 10}" font-size="11">${formatNumber(hi)}</text>
<text x="${lx + 20}" y="${top + lh}" font-size="11">${formatNumber(lo)}</text>
<text x="${lx}" y="${top - 8}" font-size="11" font-weight="bold">${input.legend}</text>
</svg>`;
}
