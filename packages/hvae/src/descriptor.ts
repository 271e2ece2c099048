import { defineVariant } from '@vaelab/core';
import { HierarchicalVAE } from './hvae.ts';
import { hvaeConfigSchema } from './config.ts';
import type { HvaeInit } from './config.ts';

/** The hierarchical VAE as the command line, sweeps and checkpoint loading see it. */
export const hvaeDescriptor = defineVariant({
  name: 'hvae',
  description: 'hierarchical VAE with L stochastic layers (Burda et al. 2015); latentDim = sum of --layers',
  citation: 'Burda, Grosse & Salakhutdinov 2015, "Importance Weighted Autoencoders", ICLR 2016',
  schema: hvaeConfigSchema,
  create: (config) => new HierarchicalVAE(config as HvaeInit),
});
