import { defineSweep } from '@vaelab/experiments';

/**
 * The methods of disentanglement_lib's unsupervised study (Locatello et al. 2019, "Challenging
 * Common Assumptions in the Unsupervised Learning of Disentangled Representations") side by
 * side on dSprites, with the plain VAE as the reference: beta-VAE (Higgins et al. 2017),
 * AnnealedVAE (Burgess et al. 2018; beta-VAE's capacity form), beta-TCVAE (Chen et al. 2018),
 * FactorVAE (Kim & Mnih 2018), DIP-VAE-I and DIP-VAE-II (Kumar et al. 2018). Each run records
 * its method as the parameter `method` and the method's hyperparameters as parameters, so the
 * report can set every method against every metric and rank-correlate the metrics.
 *
 * `full` is the study's protocol (`config/unsupervised_study_v1/sweep.py` and `shared.gin`):
 * 64x64, the conv encoder/decoder, 10 latents, batch 64, Adam 1e-4, 300,000 steps, 50 seeds,
 * and each method's grid of six values: beta-VAE beta {1, 2, 4, 6, 8, 16}; AnnealedVAE c_max
 * {5, 10, 25, 50, 75, 100} with gamma 1000 and an iteration threshold of 100,000; beta-TCVAE
 * beta {1, 2, 4, 6, 8, 10}; FactorVAE gamma {10, 20, 30, 40, 50, 100} with its 6 x 1000
 * discriminator; DIP-VAE-I and -II lambda_od {1, 2, 5, 10, 20, 50}, lambda_d = 10 lambda_od
 * (i) or lambda_od (ii). 1 + 6 x 6 = 37 configurations x 50 seeds = 1,850 runs: a GPU cluster.
 *
 * `quick` keeps one value from the middle of each method's grid (beta-VAE 4, AnnealedVAE
 * c_max 25, beta-TCVAE 6, FactorVAE 40, DIP-VAE lambda_od 10) and 3 seeds, on 32x32
 * images with an MLP 1024-256-256-10, Adam 1e-3 and 4,000 steps of 64, and the AnnealedVAE's
 * threshold scaled with the budget (a third of training, as 100,000 of 300,000). Its
 * FactorVAE discriminator keeps six layers but 256 units instead of 1,000: the paper's
 * discriminator costs about 5 M multiply-adds per code, 3 passes over 192 codes a step
 * (2.9 G), against 0.13 G for the whole MLP VAE step. Measured on 2026-11-30 (2-core AMD
 * EPYC, Node 20, wasm, one process, the machine shared at a load average of 22-25, so only the
 * ratios mean much): the quick VAE 408-510 samples/s, FactorVAE with the 6 x 256
 * discriminator 104 (4.4 times slower), with the paper's 6 x 1000 one 24 (19 times slower);
 * beta-TCVAE and DIP-VAE-II ran at the VAE's speed.
 *
 * Sizing of `quick` for a 2-core machine with 2 workers, from about 3,000 samples/s per worker
 * for the quick MLP and 15-20 s of measuring per run:
 * - 18 runs of the VAE-sized methods: 4,000 x 64 / 3,000 = 85 s of training + 17.5 s = 103 s;
 * - 3 FactorVAE runs at 4.4 times the VAE's training time: 375 s + 17.5 s = 392 s;
 * - (18 x 103 + 3 x 392) / 2 workers = 1,515 s, about 25 minutes, plus the workers' start
 *   (and, on a fresh clone, the one-off training of the dSprites feature classifier).
 * Checked end to end on 2026-11-30 with the quick settings cut to 150 steps and one seed
 * (7 runs, 2 workers, every metric group) on the shared machine at load 22: all 7 completed in
 * 11 min 27 s, each run recording `method` and its hyperparameters; the full quick profile
 * has not been timed.
 */
/** A method's grid in the study and the one value of it that `quick` trains. */
const grid = (values: number[], quick: number): { full: number[]; quick: number[] } => ({ full: values, quick: [quick] });

const betas = grid([1, 2, 4, 6, 8, 16], 4);
const capacities = grid([5, 10, 25, 50, 75, 100], 25);
const tcBetas = grid([1, 2, 4, 6, 8, 10], 6);
const gammas = grid([10, 20, 30, 40, 50, 100], 40);
const lambdas = grid([1, 2, 5, 10, 20, 50], 10);

const QUICK_STEPS = 4_000;

export default defineSweep({
  name: 'methods',
  description: 'the methods of disentanglement_lib\'s unsupervised study on dSprites: collapse, sample quality and disentanglement',
  dataset: 'dsprites',
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
  methods: {
    vae: { variant: 'vae' },
    'beta-vae': { variant: 'beta-vae', grid: { beta: betas.full } },
    'annealed-vae': {
      variant: 'beta-vae',
      base: { 'capacity.gamma': 1000, 'capacity.steps': 100_000 },
      grid: { 'capacity.max': capacities.full },
    },
    'beta-tcvae': { variant: 'beta-tcvae', grid: { beta: tcBetas.full } },
    'factor-vae': { variant: 'factor-vae', grid: { gamma: gammas.full } },
    'dip-vae-i': { variant: 'dip-vae', base: { type: 'i' }, grid: { lambdaOd: lambdas.full } },
    'dip-vae-ii': { variant: 'dip-vae', base: { type: 'ii' }, grid: { lambdaOd: lambdas.full } },
  },
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
        steps: QUICK_STEPS,
        evalExamples: 1_000,
        logEvery: 50,
      },
      methods: {
        'beta-vae': { grid: { beta: betas.quick } },
        'annealed-vae': { base: { 'capacity.steps': Math.round(QUICK_STEPS / 3) }, grid: { 'capacity.max': capacities.quick } },
        'beta-tcvae': { grid: { beta: tcBetas.quick } },
        'factor-vae': { base: { discriminatorHidden: [256, 256, 256, 256, 256, 256] }, grid: { gamma: gammas.quick } },
        'dip-vae-i': { grid: { lambdaOd: lambdas.quick } },
        'dip-vae-ii': { grid: { lambdaOd: lambdas.quick } },
      },
      seeds: 3,
    },
  },
});
