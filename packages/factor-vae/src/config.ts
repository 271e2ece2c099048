import { baseVaeConfigSchema, finiteNumber, hiddenSizes, learningRateValue, lossWeight } from '@vaelab/core';
import type { BaseVaeConfig } from '@vaelab/core';

/**
 * Config of {@link FactorVAE}. The discriminator and its optimizer follow disentanglement_lib's
 * `fc_discriminator` (Kim & Mnih 2018, appendix A: 6 hidden layers of 1000 units, leaky ReLU,
 * 2 logits) and its unsupervised study's discriminator Adam (learning rate 1e-4, beta1 0.5,
 * beta2 0.9). That study sweeps gamma over 10, 20, 30, 40, 50 and 100.
 */
export interface FactorVaeConfig extends BaseVaeConfig {
  /** Weight of the total-correlation estimate (Kim & Mnih 2018, eq. 2). @default 40 */
  gamma: number;
  /** Hidden layer sizes of the discriminator. @default [1000, 1000, 1000, 1000, 1000, 1000] */
  discriminatorHidden: number[];
  /** Adam learning rate of the discriminator. @default 0.0001 */
  discriminatorLearningRate: number;
  /** Adam beta1 of the discriminator. @default 0.5 */
  discriminatorBeta1: number;
  /** Adam beta2 of the discriminator. @default 0.9 */
  discriminatorBeta2: number;
}

/** What the constructor accepts: any subset of the fields. */
export type FactorVaeInit = Partial<FactorVaeConfig>;

/** Schema of {@link FactorVaeConfig}. */
export const factorVaeConfigSchema = baseVaeConfigSchema.extend({
  gamma: lossWeight().default(40).describe('weight of the discriminator\'s total-correlation estimate'),
  discriminatorHidden: hiddenSizes().min(1).default([1000, 1000, 1000, 1000, 1000, 1000])
    .describe('hidden layer sizes of the discriminator, e.g. 1000,1000,1000,1000,1000,1000'),
  discriminatorLearningRate: learningRateValue().default(1e-4).describe('Adam learning rate of the discriminator'),
  discriminatorBeta1: finiteNumber().min(0).lt(1).default(0.5).describe('Adam beta1 of the discriminator'),
  discriminatorBeta2: finiteNumber().min(0).lt(1).default(0.9).describe('Adam beta2 of the discriminator'),
});
