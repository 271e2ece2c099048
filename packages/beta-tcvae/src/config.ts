import { baseVaeConfigSchema, lossWeight } from '@vaelab/core';
import type { BaseVaeConfig } from '@vaelab/core';

/**
 * Config of {@link BetaTCVAE}: the shared fields plus beta, the weight of the total correlation.
 * disentanglement_lib's unsupervised study sweeps beta over 1, 2, 4, 6, 8 and 10.
 */
export interface BetaTcvaeConfig extends BaseVaeConfig {
  /** Weight of the total-correlation term (Chen et al. 2018, eq. 5 with alpha = gamma = 1); 1 is the plain VAE. @default 6 */
  beta: number;
}

/** What the constructor accepts: any subset of the fields. */
export type BetaTcvaeInit = Partial<BetaTcvaeConfig>;

/** Schema of {@link BetaTcvaeConfig}. */
export const betaTcvaeConfigSchema = baseVaeConfigSchema.extend({
  beta: lossWeight().default(6).describe('weight of the total correlation; 1 is the plain VAE'),
});
