import { html } from './html.ts';
import type { SafeHtml } from './html.ts';
import type { ReportRun, SweepData } from './sweep-data.ts';

/** A stored PNG as a data URI image, or nothing when the run lacks it. */
export function artifactImage(data: SweepData, run: ReportRun, name: string, alt: string): SafeHtml | undefined {
  if (!run.artifacts.some((a) => a.name === name)) return undefined;
  const artifact = data.artifact(run.id, name);
  if (!artifact) return undefined;
  const uri = `data:${artifact.mime || 'image/png'};base64,${Buffer.from(artifact.bytes).toString('base64')}`;
  return html`<img class="grid-image" src="${uri}" alt="${alt}">`;
}
