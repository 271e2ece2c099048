import { defineSweep } from '@vaelab/experiments';

/**
 * How deep should the latent hierarchy be? Hierarchical VAEs with 1, 2 and 3 stochastic
 * layers on MNIST (Burda et al. 2015's architecture; they report that the upper layers of
 * deeper models tend to go inactive): the ELBO and importance-sampled log-likelihood, KL and
 * active units per layer.
 *
 * Every run uses KL warm-up, the KL weight rising linearly from 0 to 1 over the first half of
 * the budget (Sønderby et al. 2016, "Ladder Variational Autoencoders": warm-up from a
 * deterministic to a variational autoencoder). Without it a short budget leaves the deeper
 * models with almost no active unit, so depth would look harmful for an optimisation reason,
 * the one warm-up was introduced against.
 * Held-out numbers are measured after the weight has reached 1, on the true ELBO.
 */
export default defineSweep({
  name: 'hierarchy',
  description: 'hierarchical VAE with 1, 2 and 3 stochastic layers on MNIST, with KL warm-up: per-layer KL, active units, log-likelihood',
  dataset: 'mnist',
  variants: ['hvae'],
  base: { steps: 30_000, klSchedule: { kind: 'linear', steps: 15_000 }, evalExamples: 2_000, logEvery: 100 },
  grid: { layers: [[50], [100, 50], [100, 50, 25]] },
  seeds: 3,
  metrics: ['collapse', 'quality'],
  profiles: {
    quick: { base: { steps: 3_000, klSchedule: { kind: 'linear', steps: 1_500 }, evalExamples: 1_000, logEvery: 25 }, seeds: 3 },
  },
});
