import { defineVariant } from '@vaelab/core';
import { BetaTCVAE } from './beta-tcvae.ts';
import { betaTcvaeConfigSchema } from './config.ts';
import type { BetaTcvaeInit } from './config.ts';

/** beta-TCVAE as the command line, sweeps and checkpoint loading see it. */
export const betaTcvaeDescriptor = defineVariant({
  name: 'beta-tcvae',
  description: 'beta-TCVAE (Chen et al. 2018): the total correlation weighted by --beta, estimated by minibatch-weighted sampling',
  citation: 'Chen, Li, Grosse & Duvenaud 2018, "Isolating Sources of Disentanglement in Variational Autoencoders", NeurIPS',
  schema: betaTcvaeConfigSchema,
  create: (config) => new BetaTCVAE(config as BetaTcvaeInit),
});
