import { join, resolve } from 'node:path';
import { writeFileAtomicSync } from '@vaelab/core/files';
import { RUN_STATUSES, reportsDirFor } from '@vaelab/tracking';
import type { ExperimentStore, RunStatus } from '@vaelab/tracking';
import { ChartRegistry } from './charts.ts';
import { formatTime } from './format.ts';
import { html } from './html.ts';
import { page } from './page.ts';
import { collapseSection } from './sections/collapse.ts';
import { configurationSection } from './sections/configuration.ts';
import type { Section } from './sections/context.ts';
import { diagnosisSection } from './sections/diagnosis.ts';
import { disentanglementSection } from './sections/disentanglement.ts';
import { explorerSection } from './sections/explorer.ts';
import { latentSpaceSection } from './sections/latent-space.ts';
import { methodsSection } from './sections/methods.ts';
import { qualitySection } from './sections/quality.ts';
import { runsTableSection } from './sections/runs-table.ts';
import { trainingSection } from './sections/training.ts';
import { variantsSection } from './sections/variants.ts';
import { loadSweepData } from './sweep-data.ts';
import type { SweepData } from './sweep-data.ts';

/** The store has no sweep at all. */
export class EmptyStoreError extends Error {
  override readonly name = 'EmptyStoreError';
}

/** A sweep name that is not in the store. */
export class UnknownSweepError extends Error {
  override readonly name = 'UnknownSweepError';
  constructor(readonly sweep: string, readonly known: readonly string[]) {
    super(`no sweep named '${sweep}' in the store${known.length ? ` (sweeps: ${known.join(', ')})` : ''}`);
  }
}

/** Options of {@link renderSweepPage}. */
export interface SweepPageOptions {
  /** Run whose decoder the explorer embeds. @default the first completed run with a checkpoint and a single-latent decoder */
  explorerRun?: number;
}

/** The file name of a sweep's page (`index.html` is the index's, so a sweep called `index` gets another). */
export function sweepFileName(sweep: string): string {
  const safe = sweep.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === 'index' ? 'sweep-index.html' : `${safe}.html`;
}

/**
 * Ids of the sections a sweep page has, in page order (`variants` only with more than one
 * variant; `methods` only with more than one variant and two disentanglement metrics).
 */
export const SECTION_IDS = ['configuration', 'runs', 'diagnosis', 'collapse', 'quality', 'disentanglement', 'training', 'variants', 'methods', 'latent-space', 'explorer'] as const;

/** The whole HTML of one sweep's page. */
export function renderSweepPage(data: SweepData, options: SweepPageOptions = {}): string {
  const charts = new ChartRegistry();
  const ctx = { data, charts };
  const explorer = explorerSection(data, options.explorerRun);
  const sections: Section[] = [
    configurationSection(ctx), runsTableSection(ctx), diagnosisSection(ctx), collapseSection(ctx), qualitySection(ctx),
    disentanglementSection(ctx), trainingSection(ctx), ...[variantsSection(ctx), methodsSection(ctx)].filter((s): s is Section => s !== undefined),
    latentSpaceSection(ctx), explorer,
  ];
  const counts = RUN_STATUSES.map((s) => [s, data.runs.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  return page({
    title: `Sweep ${data.sweep.name}`,
    subtitle: html`${data.runs.length} runs (${counts.map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}) · updated ${formatTime(lastUpdate(data))} · <a href="index.html">all sweeps</a>`,
    toc: sections.map((s) => [s.id, s.title]),
    body: html`${sections.map((s) => s.html)}`,
    charts: charts.configs,
    scripts: explorer.scripts,
  });
}

function lastUpdate(data: SweepData): number {
  return Math.max(data.sweep.updatedAt, ...data.runs.flatMap((r) => [r.startedAt ?? 0, r.endedAt ?? 0]));
}

/** One line of the index: a sweep, its run counts by status and when it last changed. */
export interface IndexEntry {
  name: string;
  description?: string;
  counts: Record<RunStatus, number>;
  total: number;
  updatedAt: number;
}

/** The HTML of the index page: every sweep with its run counts, last update and a link. */
export function renderIndexPage(entries: readonly IndexEntry[]): string {
  const rows = entries.map((e) => html`<tr><td><a href="${sweepFileName(e.name)}">${e.name}</a>${e.description ? html`<div class="note">${e.description}</div>` : ''}</td>
<td class="num" data-value="${e.total}">${e.total}</td>${RUN_STATUSES.map((s) => html`<td class="num" data-value="${e.counts[s]}">${e.counts[s] || ''}</td>`)}
<td data-value="${e.updatedAt}">${formatTime(e.updatedAt)}</td></tr>`);
  return page({
    title: 'vaelab sweeps',
    subtitle: `${entries.length} sweep${entries.length === 1 ? '' : 's'} in the experiment store`,
    body: html`<section><table data-sortable id="sweeps-table"><thead><tr><th>sweep</th><th>runs</th>${RUN_STATUSES.map((s) => html`<th>${s}</th>`)}<th>last update</th></tr></thead>
<tbody>${rows}</tbody></table></section>`,
  });
}

/** The index entries of every sweep in a store. */
export function indexEntries(store: ExperimentStore): IndexEntry[] {
  return store.listSweeps().map((s) => {
    const times = store.listRunRecords({ sweep: s.name }).flatMap((r) => [r.startedAt ?? 0, r.endedAt ?? 0]);
    const def = s.definition;
    const description = typeof def === 'object' && def !== null && !Array.isArray(def) && typeof def.description === 'string' ? def.description : undefined;
    return { name: s.name, ...(description ? { description } : {}), counts: s.counts, total: s.total, updatedAt: Math.max(s.updatedAt, ...times) };
  });
}

/** Options of {@link renderReports}. */
export interface RenderReportsOptions extends SweepPageOptions {
  /** Output directory. @default `reportsDirFor(store.path)`: `reports/` at the repository root for the default store, a folder next to any other store */
  outDir?: string;
  /** Render only this sweep's page. @default every sweep */
  sweep?: string;
  /** Also write `index.html`. @default true when no sweep is named */
  index?: boolean;
}

/**
 * Renders sweep pages (and the index) from a store into `outDir`; returns the paths written. Each
 * page is written whole or not at all (a temporary file renamed into place): a full disk throws a
 * `FileWriteError` naming the page and leaves the previous page, never a cut one.
 * Throws {@link EmptyStoreError} for a store without sweeps and {@link UnknownSweepError} for an unknown name.
 */
export function renderReports(store: ExperimentStore, options: RenderReportsOptions = {}): string[] {
  const outDir = resolve(options.outDir ?? reportsDirFor(store.path));
  const sweeps = store.listSweeps();
  if (sweeps.length === 0) throw new EmptyStoreError(`the store ${store.path} has no sweeps; run one with 'vaelab sweep <name>' first`);
  const names = sweeps.map((s) => s.name);
  if (options.sweep !== undefined && !names.includes(options.sweep)) throw new UnknownSweepError(options.sweep, names);
  const written: string[] = [];
  for (const name of options.sweep === undefined ? names : [options.sweep]) {
    const data = loadSweepData(store, name)!;
    const path = join(outDir, sweepFileName(name));
    writeFileAtomicSync(path, renderSweepPage(data, options.sweep === undefined ? {} : { explorerRun: options.explorerRun }));
    written.push(path);
  }
  if (options.index ?? options.sweep === undefined) {
    const path = join(outDir, 'index.html');
    writeFileAtomicSync(path, renderIndexPage(indexEntries(store)));
    written.push(path);
  }
  return written;
}
