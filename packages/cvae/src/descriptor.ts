import { defineVariant } from '@vaelab/core';
import { CVAE } from './cvae.ts';
import { cvaeConfigSchema } from './config.ts';
import type { CvaeInit } from './config.ts';

/**
 * The conditional VAE as the command line, sweeps and checkpoint loading see it. `numClasses`
 * comes from the training set (the command line and the sweep executor set it from the
 * dataset's `numClasses`), so it is no flag.
 */
export const cvaeDescriptor = defineVariant({
  name: 'cvae',
  description: 'conditional VAE (Sohn et al. 2015) on class labels: MNIST digits, Fashion-MNIST classes, dSprites shape',
  citation: 'Sohn, Lee & Yan 2015, "Learning Structured Output Representation using Deep Conditional Generative Models", NeurIPS',
  schema: cvaeConfigSchema,
  create: (config) => new CVAE(config as CvaeInit),
  needsLabels: true,
  derivedFields: ['numClasses'],
});
