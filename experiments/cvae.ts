import { defineSweep } from '@vaelab/experiments';

/**
 * Conditional VAE on MNIST (Sohn et al. 2015): does the label control what comes out? The
 * conditional accuracy is the accuracy of a digit classifier on class-conditional samples;
 * the sample-quality metrics compare samples and reconstructions with real digits in that
 * classifier's feature space. `cvae-fashion.ts` is the same study on Fashion-MNIST.
 */
export default defineSweep({
  name: 'cvae',
  description: 'conditional VAE on MNIST: conditional accuracy and sample quality against latent size',
  dataset: 'mnist',
  variants: ['cvae'],
  base: { steps: 20_000, evalExamples: 2_000, logEvery: 100 },
  grid: { latentDim: [2, 10, 20] },
  seeds: 3,
  metrics: ['quality', 'collapse'],
  profiles: {
    quick: { base: { steps: 1_500, evalExamples: 1_000, logEvery: 25 }, seeds: 3 },
  },
});
