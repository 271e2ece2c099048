import { html } from '../html.ts';
import type { SafeHtml } from '../html.ts';
import { artifactImage } from '../images.ts';
import { groupBy } from '../stats.ts';
import type { ReportRun, SweepData } from '../sweep-data.ts';

/** Configurations shown in image galleries at most; beyond that a note says how many were left out. */
export const MAX_GALLERY_CONFIGS = 24;

/** The first run of each configuration (lowest seed first) that has all of `names`, up to {@link MAX_GALLERY_CONFIGS}. */
export function galleryRuns(data: SweepData, names: readonly string[]): { runs: ReportRun[]; total: number } {
  const picks = groupBy(data.runs, (r) => r.configKey)
    .map((g) => [...g.runs].sort((a, b) => a.seed - b.seed).find((r) => names.every((n) => r.artifacts.some((a) => a.name === n))))
    .filter((r): r is ReportRun => r !== undefined);
  return { runs: picks.slice(0, MAX_GALLERY_CONFIGS), total: picks.length };
}

/** A gallery of one or more image artifacts per configuration, or the empty state. */
export function gallery(data: SweepData, names: readonly { name: string; label: string | ((run: ReportRun) => string) }[], what: string): SafeHtml {
  const { runs, total } = galleryRuns(data, [names[0].name]);
  if (runs.length === 0) return html`<p class="empty-state">${what}: not recorded in this sweep</p>`;
  const figures = runs.map((r) => html`<figure><figcaption>${r.configLabel} (run #${r.id}, seed ${r.seed})</figcaption>${names.map(({ name, label }) => {
    const text = typeof label === 'string' ? label : label(r);
    const img = artifactImage(data, r, name, `${text} of run ${r.id}`);
    return img ? html`<div class="note">${text}</div>${img}` : '';
  })}</figure>`);
  return html`<div class="gallery">${figures}</div>${total > runs.length ? html`<p class="note">Showing ${runs.length} of ${total} configurations.</p>` : ''}`;
}
