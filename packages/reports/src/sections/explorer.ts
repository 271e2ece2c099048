import { tfjsBundle } from '../assets.ts';
import { EXPLORER_SCRIPT } from '../client/explorer-script.ts';
import { ExplorerUnsupportedError, explorerModel } from '../explorer-data.ts';
import type { ExplorerModel } from '../explorer-data.ts';
import { html, jsonScript } from '../html.ts';
import type { ReportRun, SweepData } from '../sweep-data.ts';
import { parseLatents } from './latent-space.ts';
import { section } from './context.ts';
import type { Section } from './context.ts';

/** The explorer section and the scripts it needs on the page (none when there is no explorable run). */
export interface ExplorerSection extends Section {
  scripts: string[];
  model?: ExplorerModel;
}

function classNames(data: SweepData, run: ReportRun): string[] {
  const artifact = run.artifacts.some((a) => a.name === 'latents.json') ? data.artifact(run.id, 'latents.json') : undefined;
  return (artifact && parseLatents(artifact.bytes)?.labels) ?? [];
}

/**
 * Picks the run to explore: `runId` when given, else the first completed run (expansion order)
 * with a checkpoint and a single-latent decoder. Returns the model or why none could be used.
 */
export function chooseExplorerRun(data: SweepData, runId?: number): { run: ReportRun; model: ExplorerModel } | { reason: string } {
  const candidates = runId === undefined
    ? data.runs.filter((r) => r.status === 'completed' && r.artifacts.some((a) => a.name === 'checkpoint'))
    : data.runs.filter((r) => r.id === runId);
  if (runId !== undefined && candidates.length === 0) return { reason: `run #${runId} is not in this sweep` };
  const reasons: string[] = [];
  for (const run of candidates) {
    const artifact = data.artifact(run.id, 'checkpoint');
    if (!artifact) { reasons.push(`run #${run.id} has no checkpoint`); continue; }
    try {
      return { run, model: explorerModel(artifact.bytes, run.id, classNames(data, run)) };
    } catch (error) {
      // An unusable checkpoint (hierarchical, unreadable) moves on to the next candidate.
      reasons.push(error instanceof ExplorerUnsupportedError ? error.message : `run #${run.id}: ${(error as Error).message}`);
    }
  }
  if (candidates.length === 0) return { reason: 'no completed run has a checkpoint' };
  return { reason: reasons.includes('explorer not available for hierarchical runs') ? 'explorer not available for hierarchical runs' : reasons[0] };
}

/** An interactive decoder: one slider per latent dimension (−3…3), a class selector for CVAE, the image redrawn live. */
export function explorerSection(data: SweepData, runId?: number): ExplorerSection {
  const choice = chooseExplorerRun(data, runId);
  if ('reason' in choice) {
    return { ...section('explorer', 'Latent explorer', null, html`<p class="empty-state">Latent explorer: ${choice.reason}.</p>`), scripts: [] };
  }
  const { run, model } = choice;
  const why = runId === undefined ? 'the first completed run with a checkpoint and a single-latent decoder' : 'chosen with --explorer-run';
  const sliders = Array.from({ length: model.latentDim }, (_, i) => html`<label for="z-${i}">z${i}</label>
<input type="range" id="z-${i}" data-latent="${i}" min="-3" max="3" step="0.05" value="0"><output id="z-${i}-value">0.00</output>`);
  const selector = model.conditionSize > 0
    ? html`<label for="explorer-class">class</label><select id="explorer-class">${model.classLabels.map((l, i) => html`<option value="${i}">${l}</option>`)}</select><span></span>`
    : '';
  const body = html`<p>Run #${run.id} (${run.configLabel}, seed ${run.seed}): ${why}. Decoder weights are embedded in this page and run with TensorFlow.js in your browser.</p>
<div class="explorer"><canvas id="explorer-canvas" width="${model.inputShape[1]}" height="${model.inputShape[0]}" aria-label="decoded image"></canvas>
<div><div class="sliders">${sliders}${selector}</div><p><button type="button" id="explorer-reset">Reset to z = 0</button></p>
<p class="note" id="explorer-status">Loading the decoder…</p></div></div>
${jsonScript('explorer-data', model)}`;
  return { ...section('explorer', 'Latent explorer', 'Move the sliders to walk through the latent space; the decoder turns z into the pixel means shown.', body), scripts: [tfjsBundle(), EXPLORER_SCRIPT], model };
}
