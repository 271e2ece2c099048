import { defineVariant } from '@vaelab/core';
import { BetaVAE } from './beta-vae.ts';
import { betaVaeConfigSchema } from './config.ts';
import type { BetaVaeInit } from './config.ts';

/** beta-VAE (and its capacity form) as the command line, sweeps and checkpoint loading see it. */
export const betaVaeDescriptor = defineVariant({
  name: 'beta-vae',
  description: 'beta-VAE (Higgins et al. 2017), or its capacity form (Burgess et al. 2018) with --capacity-max/--capacity-steps/--gamma',
  citation: 'Higgins et al. 2017, "beta-VAE: Learning Basic Visual Concepts with a Constrained Variational Framework", ICLR; Burgess et al. 2018, "Understanding disentangling in beta-VAE"',
  schema: betaVaeConfigSchema,
  create: (config) => new BetaVAE(config as BetaVaeInit),
  // `--gamma` has always named the capacity form's weight.
  flagNames: { 'capacity.gamma': 'gamma' },
});
