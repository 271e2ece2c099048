import { z } from 'zod';
import { baseVaeConfigSchema, boundedNumber, lossWeight, stepCount } from '@vaelab/core';
import type { BaseVaeConfig } from '@vaelab/core';

/**
 * The capacity form of Burgess et al. 2018 ("Understanding disentangling in beta-VAE", eq. 8):
 * the KL term is pulled towards a target C(step) that rises linearly from 0 to `max` nats.
 * The defaults follow disentanglement_lib's AnnealedVAE as used in its unsupervised study
 * (gamma 1000, iteration_threshold 100,000); that study sweeps c_max over 5, 10, 25, 50, 75,
 * 100, and 25 is the value Burgess et al. report for dSprites.
 */
export interface CapacityConfig {
  /** Capacity C reached at the end of the ramp, in nats (Burgess et al. 2018 on dSprites). @default 25 */
  max: number;
  /** Steps over which C rises linearly from 0 to `max` (disentanglement_lib's iteration_threshold). @default 100000 */
  steps: number;
  /** Weight gamma of |KL - C(step)| (disentanglement_lib's AnnealedVAE). @default 1000 */
  gamma: number;
}

/**
 * Config of {@link BetaVAE}: the shared fields plus the weight of the KL term.
 *
 * How the terms compose (klWeight is the shared `klSchedule`, freeBits the shared floor):
 * - beta form:     loss = reconstruction + beta * klWeight(step) * sum_j max(freeBits, KL_j)
 * - capacity form: loss = reconstruction + gamma * klWeight(step) * |sum_j max(freeBits, KL_j) - C(step)|
 * With the default schedule (constant 1) and freeBits 0 these are the papers' objectives.
 */
export interface BetaVaeConfig extends BaseVaeConfig {
  /** Weight of the KL term (Higgins et al. 2017); 1 is the plain VAE. Unused when `capacity` is set. @default 4 */
  beta: number;
  /** The capacity form instead of a fixed beta; null keeps the beta form. @default null */
  capacity: CapacityConfig | null;
}

/** What the constructor accepts: any subset of the fields, and of the capacity fields. */
export type BetaVaeInit = Partial<Omit<BetaVaeConfig, 'capacity'>> & { capacity?: Partial<CapacityConfig> | null };

/** beta, gamma and the capacity share the KL weight's bound: beyond it the KL term drowns the reconstruction. */
const klWeight = lossWeight();

/** Schema of {@link CapacityConfig}. */
export const capacityConfigSchema = z
  .object({
    max: boundedNumber(0, { max: 10_000, why: 'a target KL far above any image model\'s; dSprites needs about 25 nats' }).default(25).describe('capacity form: C rises to this many nats'),
    steps: stepCount(0).default(100_000).describe('capacity form: steps for C to reach its maximum'),
    gamma: klWeight.default(1000).describe('capacity form: weight of |KL - C|'),
  })
  .strict();

/** Schema of {@link BetaVaeConfig}: the base schema extended with `beta` and `capacity`. */
export const betaVaeConfigSchema = baseVaeConfigSchema.extend({
  beta: klWeight.default(4).describe('weight of the KL term'),
  capacity: capacityConfigSchema.nullable().default(null),
});
