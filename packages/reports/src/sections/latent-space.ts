import { axis, baseOptions } from '../charts.ts';
import { paletteColor, viridis, withAlpha } from '../colors.ts';
import { formatNumber } from '../format.ts';
import { html } from '../html.ts';
import type { SafeHtml } from '../html.ts';
import { artifactImage } from '../images.ts';
import { ModelConfigs, isConditional, latentSize } from '../model-settings.ts';
import { groupBy } from '../stats.ts';
import { hasArtifact } from '../sweep-data.ts';
import type { ReportRun } from '../sweep-data.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';
import { galleryRuns } from './galleries.ts';

/** The `latents.json` artifact: test encodings projected on two latent dimensions, with a colour value each. */
export interface LatentsFile {
  dims: [number, number];
  points: [number, number, number][];
  colourBy: string;
  labels?: string[];
}

/** Parses and checks `latents.json`; undefined when it is not in the expected shape. */
export function parseLatents(bytes: Uint8Array): LatentsFile | undefined {
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<LatentsFile>;
    if (!Array.isArray(value.points) || !Array.isArray(value.dims)) return undefined;
    const points = value.points.filter((p): p is [number, number, number] => Array.isArray(p) && p.length >= 3 && p.every((v) => typeof v === 'number'));
    return {
      dims: [Number(value.dims[0]), Number(value.dims[1])], points, colourBy: String(value.colourBy ?? 'value'),
      ...(Array.isArray(value.labels) ? { labels: value.labels.map(String) } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Colour values with at most this many distinct integers are classes (a legend); others get a continuous scale. */
export const MAX_DISCRETE_COLOURS = 20;

function scatter({ charts }: SectionContext, run: ReportRun, latents: LatentsFile): SafeHtml {
  const values = latents.points.map((p) => p[2]);
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const discrete = latents.labels !== undefined || (distinct.length <= MAX_DISCRETE_COLOURS && distinct.every(Number.isInteger));
  let datasets: Record<string, unknown>[];
  let caption = `Coloured by ${latents.colourBy}.`;
  if (discrete) {
    datasets = distinct.map((v, i) => {
      const color = paletteColor(Number.isInteger(v) ? v : i);
      return {
        label: latents.labels?.[v] ?? `${latents.colourBy} ${formatNumber(v)}`,
        data: latents.points.filter((p) => p[2] === v).map((p) => ({ x: p[0], y: p[1] })),
        backgroundColor: withAlpha(color, 0.6), borderColor: color, pointRadius: 2.5,
      };
    });
  } else {
    const lo = distinct[0], hi = distinct[distinct.length - 1];
    datasets = [{
      label: latents.colourBy, data: latents.points.map((p) => ({ x: p[0], y: p[1] })),
      backgroundColor: latents.points.map((p) => viridis(hi > lo ? (p[2] - lo) / (hi - lo) : 0.5)), pointRadius: 2.5,
    }];
    caption += ` Dark purple: ${formatNumber(lo)}, yellow: ${formatNumber(hi)}.`;
  }
  const [i, j] = latents.dims;
  return charts.figure(`${run.configLabel} (run #${run.id}, seed ${run.seed})`, {
    type: 'scatter', data: { datasets },
    options: baseOptions({ x: axis(`z${i} (posterior mean)`), y: axis(`z${j} (posterior mean)`) }),
  }, { caption });
}

/** Per configuration: a scatter of test encodings from `latents.json`, and `manifold.png` for 2-D latents. */
export function latentSpaceSection(ctx: SectionContext): Section {
  const { data } = ctx;
  const { runs, total } = galleryRuns(data, ['latents.json']);
  const scatters = runs.map((r) => {
    const artifact = data.artifact(r.id, 'latents.json');
    const latents = artifact && parseLatents(artifact.bytes);
    return latents ? scatter(ctx, r, latents) : html`<p class="note">Run #${r.id}: latents.json is not readable.</p>`;
  });
  const configs = new ModelConfigs(data);
  // The executor draws manifold.png for unconditional 2-D models only; a conditional one has a manifold per class.
  const conditional2d = groupBy(data.runs.filter((r) => r.status === 'completed'), (r) => r.configKey).map((g) => g.runs[0])
    .filter((r) => latentSize(r, configs.of(r)) === 2 && isConditional(r, configs.of(r)) && !hasArtifact(r, 'manifold.png'));
  const manifolds = galleryRuns(data, ['manifold.png']).runs.map((r) => html`<figure><figcaption>${r.configLabel} (run #${r.id})</figcaption>${artifactImage(data, r, 'manifold.png', `decoded manifold of run ${r.id}`)}</figure>`);
  return section('latent-space', 'Latent space', 'Test-set encodings (posterior means) on two latent dimensions, one chart per configuration (lowest seed).',
    scatters.length ? html`<div class="charts">${scatters}</div>${total > runs.length ? html`<p class="note">Showing ${runs.length} of ${total} configurations.</p>` : ''}` : html`<p class="empty-state">Latent encodings: not recorded in this sweep</p>`,
    html`<h3>Decoded manifold (2-D latents)</h3>`,
    manifolds.length ? html`<div class="gallery">${manifolds}</div>` : '',
    conditional2d.length ? html`<p class="note">${conditional2d.map((r) => `#${r.id} ${r.configLabel}`).join('; ')}: a 2-D conditional latent space, with one manifold per class. The latent explorer below draws it for the class you choose.</p>` : '',
    manifolds.length === 0 && conditional2d.length === 0 ? html`<p class="empty-state">No run has a 2-D latent space.</p>` : '');
}
