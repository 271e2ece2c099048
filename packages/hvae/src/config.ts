import { z } from 'zod';
import { ConfigError, LIMITS, architectureSchema, hiddenSizes, baseVaeConfigSchema, boundedInt, normalizeConfig } from '@vaelab/core';
import type { BaseVaeConfig } from '@vaelab/core';

/**
 * Config of {@link HierarchicalVAE}. Defaults are the two-stochastic-layer MNIST model of
 * Burda et al. 2015 (their `experiments.py`, `--layers 2`): x -> 200-200 -> z1 (100) ->
 * 100-100 -> z2 (50), the generative side mirrored, tanh hidden units.
 *
 * `latentDim` is always the total latent size `sum(layers)` (what `klPerDim` and
 * `latentSize` count). Given with `layers`, it must equal their sum. Given alone, it is split
 * into two layers in Burda et al.'s 2:1 proportion (their [100, 50]): the top layer gets
 * round(latentDim / 3) units, z1 the rest, so that `latentDim: 10` means `layers: [7, 3]` and
 * a sweep can give every variant the same latent size; `latentDim: 1` is one layer.
 */
export interface HvaeConfig extends BaseVaeConfig {
  /** Sizes of the stochastic layers, bottom-up (z1 first, next to x); at least one. @default [100, 50] */
  layers: number[];
  /** Hidden sizes of every z -> z network: q(z_{l+1} | z_l) and p(z_l | z_{l+1}). @default [100, 100] */
  latentHidden: number[];
  /** Total latent size, `sum(layers)`; given without `layers`, it is split 2:1 into [z1, z2]. @default sum(layers) */
  latentDim: number;
  /** The x <-> z1 networks (encoder q(z1|x), decoder p(x|z1)). @default { kind: 'mlp', hidden: [200, 200] } */
  architecture: BaseVaeConfig['architecture'];
  /** @default 'tanh' (Burda et al. 2015) */
  activation: BaseVaeConfig['activation'];
}

/** What the constructor accepts: any subset of the fields. */
export type HvaeInit = Partial<HvaeConfig>;

const base = baseVaeConfigSchema.shape;

/** Schema of {@link HvaeConfig}: the base schema with `layers`, `latentHidden` and Burda et al.'s defaults. */
export const hvaeConfigSchema = baseVaeConfigSchema.extend({
  layers: z.array(boundedInt(1, LIMITS.latentDim)).min(1, 'needs at least one stochastic layer')
    .max(LIMITS.hiddenLayers.max, `must list at most ${LIMITS.hiddenLayers.max} layers (${LIMITS.hiddenLayers.why})`).default([100, 50])
    .describe('stochastic layer sizes bottom-up, e.g. 32,16 (latentDim is their sum)'),
  latentHidden: hiddenSizes().default([100, 100])
    .describe('hidden sizes of the z-to-z networks, e.g. 100,100'),
  latentDim: boundedInt(1, LIMITS.latentDim).optional(),
  // Its own MLP default, so that `{ kind: 'mlp' }` without `hidden` is Burda et al.'s 200-200 too.
  architecture: architectureSchema([200, 200]),
  activation: base.activation.removeDefault().default('tanh'),
});

/** Two layers in Burda et al.'s 2:1 proportion for a total latent size (one layer for 1). */
export function splitLatentDim(latentDim: number): number[] {
  const top = Math.round(latentDim / 3);
  return top === 0 ? [latentDim] : [latentDim - top, top];
}

/** Validates a partial config, fills the defaults and derives `latentDim` (or, given alone, the layers from it). */
export function normalizeHvaeConfig(input: unknown): HvaeConfig {
  const label = 'HVAE config';
  const parsed = normalizeConfig(hvaeConfigSchema, input, label);
  const layersGiven = typeof input === 'object' && input !== null && (input as { layers?: unknown }).layers !== undefined;
  if (!layersGiven && parsed.latentDim !== undefined) parsed.layers = splitLatentDim(parsed.latentDim);
  const total = parsed.layers.reduce((a, b) => a + b, 0);
  if (total > LIMITS.latentDim.max) {
    throw new ConfigError([{ path: 'layers', message: `sum to ${total} latent dimensions; must be <= ${LIMITS.latentDim.max} (${LIMITS.latentDim.why})` }], label);
  }
  if (parsed.latentDim !== undefined && parsed.latentDim !== total) {
    throw new ConfigError([{ path: 'latentDim', message: `is the sum of layers (${parsed.layers.join(' + ')} = ${total}); leave it out or set it to ${total}, got ${parsed.latentDim}` }], label);
  }
  return { ...parsed, latentDim: total };
}
