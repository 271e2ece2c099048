import { defineVariant } from '@vaelab/core';
import { DIPVAE } from './dip-vae.ts';
import { dipVaeConfigSchema } from './config.ts';
import type { DipVaeInit } from './config.ts';

/** DIP-VAE (types i and ii) as the command line, sweeps and checkpoint loading see it. */
export const dipVaeDescriptor = defineVariant({
  name: 'dip-vae',
  description: 'DIP-VAE-I/II (Kumar et al. 2018): penalties pulling the codes\' covariance to the identity (--type i or ii)',
  citation: 'Kumar, Sattigeri & Balakrishnan 2018, "Variational Inference of Disentangled Latent Concepts from Unlabeled Observations", ICLR',
  schema: dipVaeConfigSchema,
  create: (config) => new DIPVAE(config as DipVaeInit),
});
