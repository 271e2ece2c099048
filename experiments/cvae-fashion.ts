import { defineSweep } from '@vaelab/experiments';

/**
 * Conditional VAE on Fashion-MNIST (Sohn et al. 2015), read from Debian's dataset-fashion-mnist
 * (or `dataDir`). The conditional accuracy is the accuracy of a garment classifier on
 * class-conditional samples; the sample-quality metrics compare samples and reconstructions
 * with real garments in that classifier's feature space. `cvae.ts` is the same study on MNIST.
 */
export default defineSweep({
  name: 'cvae-fashion',
  description: 'conditional VAE on Fashion-MNIST: conditional accuracy and sample quality against latent size',
  dataset: 'fashion-mnist',
  variants: ['cvae'],
  base: { steps: 20_000, evalExamples: 2_000, logEvery: 100 },
  grid: { latentDim: [2, 10, 20] },
  seeds: 3,
  metrics: ['quality', 'collapse'],
  profiles: {
    quick: { base: { steps: 1_500, evalExamples: 1_000, logEvery: 25 }, seeds: 1 },
  },
});
