import { chartJsBundle } from './assets.ts';
import { CHARTS_SCRIPT, SORT_SCRIPT } from './client/charts-script.ts';
import { html, jsonScript, raw } from './html.ts';
import type { SafeHtml } from './html.ts';

const CSS = `
:root { --fg: #1d2125; --muted: #5b6570; --line: #d9dee3; --bg: #fff; --panel: #f6f8fa; --accent: #1f5fa8; --bad: #b42318; --warn: #9a6700; --ok: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
header.top { padding: 18px 32px 12px; border-bottom: 1px solid var(--line); background: var(--panel); }
header.top h1 { margin: 0 0 4px; font-size: 24px; }
header.top p { margin: 0; color: var(--muted); }
nav.toc { padding: 8px 32px; border-bottom: 1px solid var(--line); position: sticky; top: 0; background: var(--bg); z-index: 2; font-size: 14px; }
nav.toc a { margin-right: 14px; color: var(--accent); text-decoration: none; white-space: nowrap; }
main { padding: 8px 32px 48px; max-width: 1500px; }
section { margin: 28px 0; }
section > h2 { font-size: 20px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
p.lead { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); }
th.group { text-align: center; font-weight: 600; color: var(--muted); }
td.na { color: var(--muted); text-align: center; }
td.best { background: #eef7ee; }
.caveat { color: var(--warn); cursor: help; }
td.violation { background: #fff0ee; } td.violation .caveat { color: var(--bad); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table[data-sortable] th { cursor: pointer; user-select: none; }
table[data-sortable] th[aria-sort="ascending"]::after { content: " ▲"; }
table[data-sortable] th[aria-sort="descending"]::after { content: " ▼"; }
.table-wrap { overflow-x: auto; }
.status { font-weight: 600; }
.status-completed { color: var(--ok); } .status-failed, .status-diverged { color: var(--bad); } .status-running, .status-interrupted { color: var(--warn); }
tr.problem td { background: #fff5f4; }
.error-text { color: var(--bad); font-family: ui-monospace, monospace; font-size: 12px; white-space: pre-wrap; max-width: 420px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 18px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: var(--bg); }
figure.chart.wide { grid-column: 1 / -1; }
figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
.canvas-box { position: relative; height: 300px; }
figure.chart.empty { background: var(--panel); }
.empty-state { color: var(--muted); font-style: italic; margin: 24px 0; text-align: center; }
p.caption { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
.gallery { display: flex; flex-wrap: wrap; gap: 16px; }
.gallery figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.gallery figcaption { font-size: 13px; margin-bottom: 4px; max-width: 320px; }
img.grid-image { image-rendering: pixelated; width: 260px; height: auto; display: block; background: #888; }
pre.json { background: var(--panel); padding: 10px; border-radius: 6px; overflow-x: auto; font-size: 12px; max-height: 360px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.finding { border-left: 4px solid var(--warn); background: #fffbeb; padding: 8px 12px; margin: 8px 0; }
.finding.error { border-color: var(--bad); background: #fff5f4; }
.finding h4 { margin: 0 0 4px; font-size: 14px; }
.finding ul { margin: 4px 0; padding-left: 18px; font-size: 13px; }
.finding .remedy { margin: 4px 0 0; font-size: 13px; }
.heatmap { display: flex; align-items: flex-start; max-width: 100%; font-family: inherit; margin: 4px 0 12px; }
.heatmap svg { flex: none; }
.heatmap-cells { overflow-x: auto; flex: 0 1 auto; min-width: 0; }
.heatmap-panel h4 { margin: 12px 0 2px; font-size: 14px; }
.explorer { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; }
.explorer canvas { image-rendering: pixelated; border: 1px solid var(--line); width: 280px; height: 280px; background: #000; }
.explorer .sliders { display: grid; grid-template-columns: max-content 220px 3.5em; gap: 6px 10px; align-items: center; font-size: 13px; }
.explorer figure.manifold { margin: 0; }
.explorer figure.manifold figcaption { font-size: 13px; color: var(--muted); max-width: 320px; }
.explorer canvas#explorer-manifold { width: 336px; height: 336px; }
.explorer canvas#explorer-manifold[hidden] { display: none; }
.explorer output { font-variant-numeric: tabular-nums; }
.note { color: var(--muted); font-size: 13px; }
`;

/** Options of {@link page}. */
export interface PageOptions {
  title: string;
  subtitle?: SafeHtml | string;
  /** Table-of-contents links: [anchor id, label]. @default none */
  toc?: [string, string][];
  body: SafeHtml;
  /** Chart configurations by canvas id; chart.js is inlined only when there are some. @default {} */
  charts?: Record<string, unknown>;
  /** Extra trusted scripts (e.g. the explorer) appended after the chart script. @default [] */
  scripts?: string[];
}

/** A whole self-contained HTML document: styles, data and scripts inline, nothing fetched. */
export function page(options: PageOptions): string {
  const charts = options.charts ?? {};
  const hasCharts = Object.keys(charts).length > 0;
  const script = (code: string): SafeHtml => raw(`<script>${code}</script>`);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<header class="top"><h1>${options.title}</h1>${options.subtitle ? html`<p>${options.subtitle}</p>` : ''}</header>
${options.toc?.length ? html`<nav class="toc">${options.toc.map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav>` : ''}
<main>
${options.body}
</main>
${hasCharts ? jsonScript('vaelab-charts', charts) : ''}
${hasCharts ? script(chartJsBundle()) : ''}
${hasCharts ? script(CHARTS_SCRIPT) : ''}
${script(SORT_SCRIPT)}
${(options.scripts ?? []).map(script)}
</body>
</html>
`.value;
}
