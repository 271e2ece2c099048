import { defineVariant } from '@vaelab/core';
import { FactorVAE } from './factor-vae.ts';
import { factorVaeConfigSchema } from './config.ts';
import type { FactorVaeInit } from './config.ts';

/** FactorVAE as the command line, sweeps and checkpoint loading see it. */
export const factorVaeDescriptor = defineVariant({
  name: 'factor-vae',
  description: 'FactorVAE (Kim & Mnih 2018): --gamma times a discriminator\'s total-correlation estimate, the discriminator with its own Adam',
  citation: 'Kim & Mnih 2018, "Disentangling by Factorizing", ICML',
  schema: factorVaeConfigSchema,
  create: (config) => new FactorVAE(config as FactorVaeInit),
});
