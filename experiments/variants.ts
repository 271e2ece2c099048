import { defineSweep } from '@vaelab/experiments';

/**
 * The four variants head to head on MNIST with the same data, steps and seeds: the plain VAE,
 * beta-VAE (beta 4), the conditional VAE and the two-layer hierarchical VAE, each with its
 * package's defaults. The report shows them side by side on every metric.
 */
export default defineSweep({
  name: 'variants',
  description: 'VAE, beta-VAE, CVAE and hierarchical VAE on MNIST with the same budget',
  dataset: 'mnist',
  variants: ['vae', 'beta-vae', 'cvae', 'hvae'],
  base: { steps: 20_000, evalExamples: 2_000, logEvery: 100 },
  seeds: 3,
  metrics: ['collapse', 'quality'],
  profiles: {
    quick: { base: { steps: 1_500, evalExamples: 1_000, logEvery: 25 }, seeds: 1 },
  },
});
