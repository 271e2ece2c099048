import { DECODER_EVALUATOR_SOURCE } from '@vaelab/core/decoder';
import { EXPLORER_SCRIPT } from '../client/explorer-script.ts';
import { ExplorerUnsupportedError, HIERARCHICAL_UNAVAILABLE, explorerModel } from '../explorer-data.ts';
import type { ExplorerModel } from '../explorer-data.ts';
import { html, jsonScript } from '../html.ts';
import type { ReportRun, SweepData } from '../sweep-data.ts';
import { parseLatents } from './latent-space.ts';
import { section } from './context.ts';
import type { Section } from './context.ts';

/** Runs the explorer embeds at most (each carries its decoder's weights); the page says when more were left out. */
export const MAX_EXPLORER_RUNS = 48;

/** The explorer section and the scripts it needs on the page (none when there is no explorable run). */
export interface ExplorerSection extends Section {
  scripts: string[];
  /** The embedded models, the initially shown one first. */
  models: ExplorerModel[];
}

function classNames(data: SweepData, run: ReportRun): string[] {
  const artifact = run.artifacts.some((a) => a.name === 'latents.json') ? data.artifact(run.id, 'latents.json') : undefined;
  return (artifact && parseLatents(artifact.bytes)?.labels) ?? [];
}

/**
 * The runs the explorer offers: every completed run (expansion order) with a checkpoint and a
 * describable generative path, the run `runId` first when given. Returns the models with their runs,
 * or why none could be used.
 */
export function chooseExplorerRuns(data: SweepData, runId?: number): { runs: { run: ReportRun; model: ExplorerModel }[]; total: number } | { reason: string } {
  if (runId !== undefined && !data.runs.some((r) => r.id === runId)) return { reason: `run #${runId} is not in this sweep` };
  const candidates = data.runs.filter((r) => r.id === runId || (r.status === 'completed' && r.artifacts.some((a) => a.name === 'checkpoint')))
    .sort((a, b) => Number(b.id === runId) - Number(a.id === runId));
  const reasons: string[] = [];
  const usable: { run: ReportRun; model: ExplorerModel }[] = [];
  let leftOut = 0;
  for (const run of candidates) {
    const artifact = data.artifact(run.id, 'checkpoint');
    if (!artifact) { reasons.push(`run #${run.id} has no checkpoint`); continue; }
    if (usable.length === MAX_EXPLORER_RUNS) { leftOut++; continue; }
    try {
      usable.push({ run, model: explorerModel(artifact.bytes, run.id, classNames(data, run)) });
    } catch (error) {
      // An unusable checkpoint (hierarchical, unreadable) is left out; the others stay on offer.
      reasons.push(error instanceof ExplorerUnsupportedError ? error.message : `run #${run.id}: ${(error as Error).message}`);
    }
  }
  if (usable.length > 0) return { runs: usable, total: usable.length + leftOut };
  if (candidates.length === 0) return { reason: 'no completed run has a checkpoint' };
  return { reason: reasons.find((r) => r.startsWith(HIERARCHICAL_UNAVAILABLE)) ?? reasons[0] };
}

/**
 * An interactive decoder: a run selector over every explorable run, one slider per latent
 * dimension (−3…3; the top layer z_L of a hierarchical run), a class selector for CVAE, the image redrawn live.
 */
export function explorerSection(data: SweepData, runId?: number): ExplorerSection {
  const choice = chooseExplorerRuns(data, runId);
  if ('reason' in choice) {
    return { ...section('explorer', 'Latent explorer', null, html`<p class="empty-state">Latent explorer: ${choice.reason}.</p>`), scripts: [], models: [] };
  }
  const { runs, total } = choice;
  const first = runs[0].run;
  const why = runId === undefined ? 'the first completed run with a checkpoint' : 'chosen with --explorer-run';
  const options = runs.map(({ run, model }, i) => html`<option value="${i}">#${run.id} ${run.configLabel}, seed ${run.seed} (${model.variant}, ${model.latentDim}-D)</option>`);
  const body = html`<p>Shown first: run #${first.id} (${first.configLabel}, seed ${first.seed}), ${why}. Decoder weights of ${runs.length} run${runs.length === 1 ? '' : 's'} are embedded in this page (float16) and run in your browser by a small script of plain JavaScript.${total > runs.length ? ` ${total - runs.length} more runs with checkpoints are left out: render with --explorer-run to show one of them.` : ''}</p>
<p><label for="explorer-run">run</label> <select id="explorer-run">${options}</select></p>
<div class="explorer"><canvas id="explorer-canvas" width="${runs[0].model.inputShape[1]}" height="${runs[0].model.inputShape[0]}" aria-label="decoded image"></canvas>
<div><div class="sliders" id="explorer-sliders"></div><p><button type="button" id="explorer-reset">Reset to z = 0</button></p>
<p class="note" id="explorer-caption">Sliders: ${runs[0].model.latentCaption}.</p>
<p class="note" id="explorer-status">Loading the decoder…</p></div>
<figure class="manifold"><figcaption>Decoded manifold, z0 and z1 from −2.5 to 2.5 (z1 up), for the selected class</figcaption><canvas id="explorer-manifold" hidden aria-label="decoded manifold of a 2-D latent space"></canvas></figure></div>
${jsonScript('explorer-data', runs.map((r) => r.model))}`;
  return {
    ...section('explorer', 'Latent explorer', 'Pick a run and move the sliders to walk through its latent space; the decoder turns z into the pixel means shown.', body),
    scripts: [DECODER_EVALUATOR_SOURCE, EXPLORER_SCRIPT], models: runs.map((r) => r.model),
  };
}
