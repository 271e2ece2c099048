import { baseVaeConfigSchema, boundedInt } from '@vaelab/core';
import type { BaseVaeConfig } from '@vaelab/core';

/** Config of {@link CVAE}: the shared fields plus the number of classes of the condition. */
export interface CvaeConfig extends BaseVaeConfig {
  /**
   * Classes of the label y; the condition fed to encoder and decoder is a vector of this width
   * (one-hot of a class index, or any label vector of this width). Must match the training
   * set's `numClasses` (MNIST and Fashion-MNIST: 10; dSprites: its number of shapes, 3).
   * @default 10
   */
  numClasses: number;
}

/** What the constructor accepts: any subset of the fields. */
export type CvaeInit = Partial<CvaeConfig>;

/** Schema of {@link CvaeConfig}: the base schema extended with `numClasses`. */
export const cvaeConfigSchema = baseVaeConfigSchema.extend({
  numClasses: boundedInt(1, { max: 10_000, why: 'more classes than a one-hot condition next to the image can carry' }).default(10)
    .describe('classes of the condition: the one-hot width (the training set\'s class count)'),
});
