import { defineSweep } from '@vaelab/experiments';

/**
 * How deep should the latent hierarchy be? Hierarchical VAEs with 1, 2 and 3 stochastic
 * layers on MNIST (Burda et al. 2015 report that the upper layers of deeper models tend to
 * go inactive): per-layer KL and active units, and the importance-sampled log-likelihood.
 */
export default defineSweep({
  name: 'hierarchy',
  description: 'hierarchical VAE with 1, 2 and 3 stochastic layers on MNIST: per-layer KL, active units, log-likelihood',
  dataset: 'mnist',
  variants: ['hvae'],
  base: { steps: 30_000, evalExamples: 2_000, logEvery: 100 },
  grid: { layers: [[50], [100, 50], [100, 50, 25]] },
  seeds: 3,
  metrics: ['collapse', 'quality'],
  profiles: {
    quick: { base: { steps: 1_500, evalExamples: 1_000, logEvery: 25 }, seeds: 1 },
  },
});
