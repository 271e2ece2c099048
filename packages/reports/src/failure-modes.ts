import type { DiagnosisInput, Finding } from './diagnosis.ts';
import { formatNumber } from './format.ts';
import { mean } from './stats.ts';

/** A hierarchical layer whose held-out KL is below this (nats) carries no information: the layer collapsed. */
export const LAYER_COLLAPSE_KL_NATS = 0.1;
/** Mode collapse: precision at least this… */
export const MODE_COLLAPSE_PRECISION = 0.5;
/** …while recall is below this: the samples are plausible but cover almost none of the data. */
export const MODE_COLLAPSE_RECALL = 0.05;
/** Conditional accuracy below chance (1 / classes) plus this margin: the decoder ignores the condition. */
export const IGNORED_CONDITION_MARGIN = 0.1;
/** Training loss still falling by this fraction or more between the last two tenths of training: too short to tell. */
export const STILL_FALLING_FRACTION = 0.01;
/** Logged points a loss curve needs before {@link STILL_FALLING_FRACTION} is judged. */
export const MIN_CURVE_POINTS = 20;

const fmt = (v: number): string => formatNumber(v);
const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/**
 * Layers of a hierarchical model whose KL (`kl/layer<i>`, 1-based, bottom first) is below
 * {@link LAYER_COLLAPSE_KL_NATS} or that have no active unit, one finding per layer: Burda et
 * al. 2015 and Sønderby et al. 2016 ("Ladder Variational Autoencoders") observe that the upper
 * layers of deep VAEs go inactive. Skipped when the whole posterior collapsed (reported already).
 */
export function collapsedLayers(input: DiagnosisInput): Finding[] {
  const layers = Object.keys(input.summaries).map((k) => /^kl\/layer(\d+)$/.exec(k)).filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1])).sort((a, b) => a - b);
  if (layers.length < 2) return [];
  return layers.flatMap((layer) => {
    const kl = input.summaries[`kl/layer${layer}`], active = input.summaries[`active_units/layer${layer}`];
    if (!(kl < LAYER_COLLAPSE_KL_NATS) && active !== 0) return [];
    return [{
      kind: 'collapsed-layer' as const, severity: 'warning' as const, title: `Layer ${layer} of ${layers.length} collapsed`,
      evidence: [
        { label: `KL of layer ${layer} (nats)`, value: kl < LAYER_COLLAPSE_KL_NATS ? `${fmt(kl)} < ${LAYER_COLLAPSE_KL_NATS}` : fmt(kl) },
        ...(finite(active) ? [{ label: `active units of layer ${layer}`, value: fmt(active) }] : []),
      ],
      remedy: input.annealing
        ? `This stochastic layer carries no information and the model is in effect shallower, although the run already annealed the KL (${input.annealing}). Warm up for longer or train longer, give each layer free bits, or drop the layer; Sønderby et al. 2016 add batch normalisation and ladder-style inference.`
        : 'This stochastic layer carries no information and the model is in effect shallower. Warm the KL up from 0 (klSchedule linear), give each layer free bits, or drop the layer; Sønderby et al. 2016 add batch normalisation and ladder-style inference.',
    }];
  });
}

/**
 * High precision with recall near zero (Kynkäänniemi et al. 2019): every sample looks real, yet
 * the samples cover almost none of the data — a few images, or one repeated blob. The precision
 * must not be read as good quality.
 */
export function modeCollapse(input: DiagnosisInput): Finding[] {
  const { precision, recall } = input.summaries;
  if (!finite(precision) || !finite(recall) || precision < MODE_COLLAPSE_PRECISION || recall >= MODE_COLLAPSE_RECALL) return [];
  return [{
    kind: 'mode-collapse', severity: 'warning', title: 'Mode collapse: the samples repeat a few images',
    evidence: [
      { label: 'precision', value: `${fmt(precision)} ≥ ${MODE_COLLAPSE_PRECISION}` },
      { label: 'recall', value: `${fmt(recall)} < ${MODE_COLLAPSE_RECALL}` },
    ],
    remedy: 'Look at the prior samples: if they are one repeated shape, the decoder ignores z (check active units). Lower β or the KL weight, anneal it, or train longer; the precision here is not sample quality.',
  }];
}

/**
 * A conditional model whose samples a classifier assigns to their condition barely above
 * chance: the decoder ignores y (it can read the label from z instead, since the encoder sees x).
 * The classifier's own test accuracy, when recorded, is the ceiling to read it against.
 */
export function ignoredCondition(input: DiagnosisInput): Finding[] {
  const accuracy = input.summaries.conditional_accuracy;
  if (!finite(accuracy) || !input.numClasses || input.numClasses < 2) return [];
  const chance = 1 / input.numClasses;
  if (accuracy >= chance + IGNORED_CONDITION_MARGIN) return [];
  const ceiling = input.summaries.classifier_accuracy;
  return [{
    kind: 'ignored-condition', severity: 'warning', title: 'The condition is ignored',
    evidence: [
      { label: 'conditional accuracy', value: `${fmt(accuracy)} < chance ${fmt(chance)} + ${IGNORED_CONDITION_MARGIN}` },
      ...(finite(ceiling) ? [{ label: 'classifier accuracy on real test images (the ceiling)', value: fmt(ceiling) }] : []),
    ],
    remedy: 'The decoder draws the class from z, not from y. Shrink the latent space or raise the KL weight so that z cannot carry the label, and check that the label reaches the decoder.',
  }];
}

/**
 * Training curves still falling at the end: the training `loss` (the held-out `test/elbo`
 * rising counts as well) changed by {@link STILL_FALLING_FRACTION} or more between the second
 * to last and the last tenth of its points. The metrics describe a model that was still learning.
 */
export function tooShort(input: DiagnosisInput): Finding[] {
  if (input.run.status !== 'completed') return [];
  const evidence: Finding['evidence'] = [];
  for (const [key, sign] of [['loss', 1], ['test/elbo', -1]] as const) {
    const values = (input.series?.[key] ?? []).map((p) => p.value).filter(Number.isFinite);
    if (values.length < MIN_CURVE_POINTS) continue;
    const w = Math.max(2, Math.floor(values.length / 10));
    const before = mean(values.slice(-2 * w, -w)), last = mean(values.slice(-w));
    const improvement = (sign * (before - last)) / Math.max(Math.abs(before), 1e-12);
    if (improvement >= STILL_FALLING_FRACTION) {
      evidence.push({ label: `${key}, mean of the last two tenths of training`, value: `${fmt(before)} → ${fmt(last)} (${fmt(100 * improvement)}% better ≥ ${STILL_FALLING_FRACTION * 100}%)` });
    }
  }
  if (evidence.length === 0) return [];
  return [{
    kind: 'too-short', severity: 'warning', title: 'Too short to tell: training was still improving',
    evidence,
    remedy: 'Train for more steps before comparing: collapse, quality and disentanglement scores of a model still improving can change order.',
  }];
}
