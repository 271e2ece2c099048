import { defineSweep } from '@vaelab/experiments';

/**
 * beta-VAE on dSprites (Higgins et al. 2017): how beta trades reconstruction for a more
 * factorised code. `full` is disentanglement_lib's protocol (Locatello et al. 2019): 64x64,
 * the conv encoder/decoder, 10 latents, batch 64, Adam 1e-4, 300k steps, beta in
 * {1, 2, 4, 6, 8, 16}, 50 seeds. `quick` fits a 2-core CPU in about 15 minutes: 32x32 images,
 * an MLP 1024-256-256-10, betas 1, 2 and 8 (at 32x32 the reconstruction sums 1024 pixels, so
 * beta pushes about 4x harder than at 64x64), 3 seeds, so that the fall of KL and active units
 * with beta and the seed spread of MIG show.
 */
export default defineSweep({
  name: 'beta',
  description: 'beta-VAE on dSprites: reconstruction against disentanglement as beta grows',
  dataset: 'dsprites',
  variants: ['beta-vae'],
  base: {
    imageSize: 64,
    latentDim: 10,
    architecture: { kind: 'conv' },
    batchSize: 64,
    learningRate: 1e-4,
    steps: 300_000,
    evalExamples: 10_000,
    logEvery: 500,
  },
  grid: { beta: [1, 2, 4, 6, 8, 16] },
  seeds: 50,
  metrics: ['collapse', 'quality', 'disentanglement'],
  profiles: {
    quick: {
      base: {
        imageSize: 32,
        latentDim: 10,
        architecture: { kind: 'mlp', hidden: [256, 256] },
        batchSize: 64,
        learningRate: 1e-3,
        steps: 5_000,
        evalExamples: 1_000,
        logEvery: 50,
      },
      grid: { beta: [1, 2, 8] },
      seeds: 3,
    },
  },
});
