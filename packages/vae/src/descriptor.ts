import { defineVariant } from '@vaelab/core';
import { VAE, vaeConfigSchema } from './vae.ts';
import type { VaeConfig } from './vae.ts';

/** The plain VAE as the command line, sweeps and checkpoint loading see it. */
export const vaeDescriptor = defineVariant({
  name: 'vae',
  description: 'the plain VAE (Kingma & Welling 2014)',
  citation: 'Kingma & Welling 2014, "Auto-Encoding Variational Bayes", ICLR',
  schema: vaeConfigSchema,
  create: (config) => new VAE(config as Partial<VaeConfig>),
});
