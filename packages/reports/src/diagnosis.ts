import type { RunRecord, SeriesPoint } from '@vaelab/tracking';
import { collapsedLayers, ignoredCondition, modeCollapse, tooShort } from './failure-modes.ts';
import { formatNumber } from './format.ts';
import { median } from './stats.ts';

/** Total held-out KL (nats) below which the posterior is taken as collapsed onto the prior. */
export const COLLAPSE_KL_NATS = 0.1;
/** Fewer active units than this fraction of the latent dimensions (but at least one) is partial collapse. */
export const PARTIAL_COLLAPSE_ACTIVE_FRACTION = 0.25;
/** A gradient norm at or above this (the `grad_norm_max` summary or the `grad_norm` series) is exploding. */
export const EXPLODING_GRAD_NORM = 1000;
/** A gradient-norm spike this many times the series median (or more) is exploding too. */
export const GRAD_SPIKE_RATIO = 50;
/** Samples' Fréchet distance at least this multiple of the reconstructions' one means holes in the aggregate posterior. */
export const PRIOR_HOLE_FD_RATIO = 2;
/** Held-out reconstruction error at or above this many nats per pixel is high. */
export const BLURRY_NATS_PER_PIXEL = 0.15;
/** ...while at least this fraction of latent dimensions is active: the latents are used, the decoder still blurs. */
export const BLURRY_ACTIVE_FRACTION = 0.75;

/** What kind of problem a finding names. */
export type FindingKind = 'failed' | 'posterior-collapse' | 'partial-collapse' | 'training-instability' | 'prior-holes' | 'blurry-reconstructions'
  | 'collapsed-layer' | 'mode-collapse' | 'ignored-condition' | 'too-short';

/** One diagnosed problem with the numbers behind it and what to try. */
export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning';
  title: string;
  /** The numbers that triggered the finding, as label and formatted value. */
  evidence: { label: string; value: string }[];
  remedy: string;
}

/** What {@link diagnoseRun} looks at. */
export interface DiagnosisInput {
  run: Pick<RunRecord, 'status' | 'error' | 'divergedStep'>;
  summaries: Record<string, number>;
  series?: Record<string, readonly SeriesPoint[]>;
  /** Latent dimensions. @default the number of `kl/dim<i>` summaries */
  latentDim?: number;
  /** Pixels (h·w·c) of an image, to read reconstruction error per pixel. @default unknown: no blur finding */
  imagePixels?: number;
  /** Classes of the condition, for chance-level conditional accuracy. @default unknown: no ignored-condition finding */
  numClasses?: number;
  /** How the run annealed its KL weight, e.g. `linear warm-up over 1,500 steps`, so remedies do not prescribe what ran. @default none */
  annealing?: string;
}

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);
const fmt = (v: number): string => formatNumber(v);

function collapse(input: DiagnosisInput, latentDim: number): Finding[] {
  const { kl, active_units: active } = input.summaries;
  if ((finite(kl) && kl < COLLAPSE_KL_NATS) || active === 0) {
    return [{
      kind: 'posterior-collapse', severity: 'error', title: 'Posterior collapse',
      evidence: [
        ...(finite(kl) ? [{ label: 'KL (nats)', value: `${fmt(kl)} < ${COLLAPSE_KL_NATS}` }] : []),
        ...(finite(active) ? [{ label: 'active units', value: `${fmt(active)} of ${latentDim || '?'}` }] : []),
      ],
      remedy: 'The decoder ignores z. Anneal the KL weight from 0 (klSchedule linear or cyclical), set free bits (freeBits ≈ 0.5 nats per dimension), or weaken the decoder (fewer layers or units).',
    }];
  }
  if (finite(active) && latentDim > 0 && active >= 1 && active < PARTIAL_COLLAPSE_ACTIVE_FRACTION * latentDim) {
    return [{
      kind: 'partial-collapse', severity: 'warning', title: 'Most latent dimensions unused',
      evidence: [{ label: 'active units', value: `${fmt(active)} of ${latentDim} (< ${PARTIAL_COLLAPSE_ACTIVE_FRACTION * 100}%)` }],
      remedy: 'Only a few dimensions carry information. If that is not the intent (a large β does this on purpose), try KL annealing or free bits.',
    }];
  }
  return [];
}

function instability(input: DiagnosisInput): Finding[] {
  const evidence: Finding['evidence'] = [];
  if (input.run.status === 'diverged') {
    evidence.push({ label: 'diverged at step', value: input.run.divergedStep === null ? 'unknown' : String(input.run.divergedStep) });
    if (input.run.error) evidence.push({ label: 'message', value: input.run.error });
  }
  const grad = (input.series?.grad_norm ?? []).map((p) => p.value).filter(Number.isFinite);
  const maxGrad = Math.max(input.summaries.grad_norm_max ?? -Infinity, ...grad);
  if (maxGrad >= EXPLODING_GRAD_NORM) evidence.push({ label: 'max gradient norm', value: `${fmt(maxGrad)} ≥ ${EXPLODING_GRAD_NORM}` });
  else if (grad.length >= 5) {
    const mid = median(grad);
    if (mid > 0 && maxGrad / mid >= GRAD_SPIKE_RATIO) {
      evidence.push({ label: 'gradient-norm spike', value: `max ${fmt(maxGrad)} = ${fmt(maxGrad / mid)}× the median ${fmt(mid)} (≥ ${GRAD_SPIKE_RATIO}×)` });
    }
  }
  const badLoss = (input.series?.loss ?? []).find((p) => !Number.isFinite(p.value));
  if (badLoss && input.run.status !== 'diverged') evidence.push({ label: 'non-finite loss at step', value: String(badLoss.step) });
  if (evidence.length === 0) return [];
  return [{
    kind: 'training-instability', severity: input.run.status === 'diverged' ? 'error' : 'warning', title: 'Training instability',
    evidence,
    remedy: 'Clip gradients (gradientClipNorm ≈ 10), clamp the encoder log-variance (logvarRange, e.g. [-6, 6]), or lower the learning rate.',
  }];
}

function priorHoles(input: DiagnosisInput): Finding[] {
  const { frechet_distance: samples, frechet_distance_recon: recon } = input.summaries;
  if (!finite(samples) || !finite(recon) || recon <= 0) return [];
  const ratio = samples / recon;
  if (ratio < PRIOR_HOLE_FD_RATIO) return [];
  return [{
    kind: 'prior-holes', severity: 'warning', title: 'Holes in the prior',
    evidence: [
      { label: 'Fréchet distance, prior samples', value: fmt(samples) },
      { label: 'Fréchet distance, reconstructions', value: fmt(recon) },
      { label: 'ratio', value: `${fmt(ratio)} ≥ ${PRIOR_HOLE_FD_RATIO}` },
    ],
    remedy: 'Prior samples land where no encoding lies. A larger β pulls the aggregate posterior onto the prior; longer training helps too.',
  }];
}

function blurry(input: DiagnosisInput, latentDim: number): Finding[] {
  const { reconstruction: recon, active_units: active } = input.summaries;
  if (!finite(recon) || !finite(active) || !input.imagePixels || latentDim <= 0) return [];
  const perPixel = recon / input.imagePixels;
  if (perPixel < BLURRY_NATS_PER_PIXEL || active < BLURRY_ACTIVE_FRACTION * latentDim) return [];
  return [{
    kind: 'blurry-reconstructions', severity: 'warning', title: 'Blurry reconstructions',
    evidence: [
      { label: 'reconstruction (nats/pixel)', value: `${fmt(perPixel)} ≥ ${BLURRY_NATS_PER_PIXEL}` },
      { label: 'active units', value: `${fmt(active)} of ${latentDim} (≥ ${BLURRY_ACTIVE_FRACTION * 100}%)` },
    ],
    remedy: 'Every latent dimension is in use and detail is still lost: give the model more latent dimensions, or another likelihood (a Gaussian with learned variance for grey-level data).',
  }];
}

/**
 * Findings of one run, most severe first: failure, instability, collapse (whole or per layer),
 * prior holes, blur, mode collapse, an ignored condition, training too short to tell.
 * A pure function of the run's record, summaries and series; thresholds are the constants above.
 */
export function diagnoseRun(input: DiagnosisInput): Finding[] {
  const latentDim = input.latentDim ?? Object.keys(input.summaries).filter((k) => /^kl\/dim\d+$/.test(k)).length;
  const findings: Finding[] = [];
  if (input.run.status === 'failed') {
    findings.push({
      kind: 'failed', severity: 'error', title: 'Run failed',
      evidence: [{ label: 'error', value: input.run.error ?? 'no message recorded' }],
      remedy: 'Fix the cause named in the error. A failed run is final in the store: rerunning the sweep skips it.',
    });
  }
  const collapsed = collapse(input, latentDim);
  findings.push(...instability(input), ...collapsed, ...(collapsed.some((f) => f.kind === 'posterior-collapse') ? [] : collapsedLayers(input)),
    ...priorHoles(input), ...blurry(input, latentDim), ...modeCollapse(input), ...ignoredCondition(input), ...tooShort(input));
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
