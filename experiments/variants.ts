import { defineSweep } from '@vaelab/experiments';

/**
 * The four variants head to head on dSprites, where the ground-truth factors let every one of
 * them be scored for disentanglement as well as collapse and sample quality: the plain VAE,
 * beta-VAE (beta 4, Higgins et al. 2017's dSprites setting), the conditional VAE conditioned
 * on the shape factor (Sohn et al. 2015; dSprites labels are the shape) and the two-layer
 * hierarchical VAE (Burda et al. 2015). Same data, steps, latent size and seeds for all.
 *
 * One latent size for every variant: `latentDim: 10` (disentanglement_lib's). The hierarchical
 * VAE splits it 2:1 into z1 = 7 and z2 = 3 units; its disentanglement is scored on the top
 * layer (what `encode` returns as `mu`), its collapse numbers on both. The CVAE's code is scored
 * with the shape given to its encoder, so it is expected to carry less about shape.
 *
 * `full` is disentanglement_lib's protocol (64x64, conv encoder/decoder, Adam 1e-4, batch 64,
 * 300k steps); `quick` is the beta study's quick model (32x32, MLP 1024-256-256-10, Adam 1e-3,
 * batch 64) with 4,000 steps, so that 4 variants x 3 seeds fit about 15 minutes with two
 * workers on a 2-core CPU.
 */
export default defineSweep({
  name: 'variants',
  description: 'VAE, beta-VAE, CVAE (conditioned on shape) and hierarchical VAE on dSprites with the same budget: collapse, quality, disentanglement',
  dataset: 'dsprites',
  variants: ['vae', 'beta-vae', 'cvae', 'hvae'],
  base: {
    imageSize: 64,
    latentDim: 10,
    architecture: { kind: 'conv' },
    activation: 'relu',
    batchSize: 64,
    learningRate: 1e-4,
    steps: 300_000,
    evalExamples: 10_000,
    logEvery: 500,
  },
  seeds: 10,
  metrics: ['collapse', 'quality', 'disentanglement'],
  profiles: {
    quick: {
      base: {
        imageSize: 32,
        architecture: { kind: 'mlp', hidden: [256, 256] },
        learningRate: 1e-3,
        steps: 4_000,
        evalExamples: 1_000,
        logEvery: 50,
      },
      seeds: 3,
    },
  },
});
