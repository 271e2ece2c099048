import { defineSweep } from '@vaelab/experiments';
import type { ParamValue } from '@vaelab/experiments';

/**
 * Posterior collapse on MNIST: the plain VAE and the two-layer hierarchical VAE (Burda et al.
 * 2015) trained with and without KL annealing (linear warm-up, Bowman et al. 2016; cyclical,
 * Fu et al. 2019) and free bits (Kingma et al. 2016). Collapse shows as dimensions (and, for
 * the hierarchical model, whole layers) whose KL goes to zero: active units, KL per dimension
 * and the mutual information I(x; z) say how much of the code is used.
 */
/** No annealing, a linear warm-up over half of training, four cycles over all of it. */
const klSchedules = (steps: number): ParamValue[] => [
  { kind: 'constant', weight: 1 },
  { kind: 'linear', steps: steps / 2 },
  { kind: 'cyclical', totalSteps: steps, cycles: 4, ratio: 0.5 },
];

export default defineSweep({
  name: 'collapse',
  description: 'KL annealing and free bits against posterior collapse, VAE and hierarchical VAE on MNIST',
  dataset: 'mnist',
  variants: ['vae', 'hvae'],
  base: { steps: 20_000, evalExamples: 2_000, logEvery: 100 },
  grid: { klSchedule: klSchedules(20_000), freeBits: [0, 0.5] },
  seeds: 3,
  metrics: ['collapse'],
  profiles: {
    quick: {
      base: { steps: 1_000, evalExamples: 1_000, logEvery: 25 },
      grid: { klSchedule: klSchedules(1_000) },
      seeds: 1,
    },
  },
});
