import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VAE } from '@vaelab/vae';
import { BetaVAE } from '@vaelab/beta-vae';
import { VARIANTS } from '@vaelab/experiments/variants';
import { main } from '../main.ts';
import { variantByName } from '@vaelab/experiments/variants';
import { parseTrainingConfig, trainingConfigSchema } from '@vaelab/core';

function capture(): { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('vaelab train', () => {
  it('trains on embedded MNIST, prints the held-out ELBO, reconstruction and KL, and writes a loadable model', async () => {
    const io = capture();
    const out = join(mkdtempSync(join(tmpdir(), 'vaelab-cli-')), 'm.vaelab');
    const code = await main(['train', '--steps', '30', '--hidden', '32', '--latent-dim', '3', '--eval-examples', '200', '--backend', 'wasm', '--out', out]);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/backend wasm: 30 steps/);
    expect(io.out()).toMatch(/test \(200 examples\): ELBO -\d+\.\d+ nats/);
    expect(io.out()).toMatch(/reconstruction \d+\.\d+\s+KL \d+\.\d+/);
    expect(existsSync(out)).toBe(true);
    const model = await VAE.load(out);
    expect(model.config.latentDim).toBe(3);
    model.dispose();
  });

  it.each([
    [['train', '--bogus'], /^vaelab train: Unknown option '--bogus'/],
    [['train', '--epochs', 'x'], /^vaelab train: --epochs: must be an integer, got 'x'$/],
    [['train', '--epochs', '2.5'], /^vaelab train: --epochs: must be an integer, got 2\.5$/],
    [['train', '--dataset', 'cifar'], /^vaelab train: --dataset: must be one of mnist, fashion-mnist, dsprites, got 'cifar'$/],
    [['train', '--variant', 'gan'], /^vaelab train: --variant: must be one of vae, /],
    [['train', '--epochs', '1', '--steps', '5'], /^vaelab train: --epochs: give --steps or --epochs, not both \(steps 5, epochs 1\)$/],
    [['train', '--batch-size', '0'], /^vaelab train: --batch-size: must be >= 1, got 0$/],
    [['train', '--clip-norm=-1'], /^vaelab train: --clip-norm: must be > 0, got -1$/],
    [['train', '--log-every', '0.5'], /^vaelab train: --log-every: must be an integer, got 0\.5$/],
    [['train', '--eval-examples', '1e8'], /^vaelab train: --eval-examples: must be <= 1e7 \(.+\), got 100000000$/],
    [['train', '--binarization', 'otsu'], /^vaelab train: --binarization: must be one of dynamic, static, none, got 'otsu'$/],
    [['train', '--batch-size', '0', '--lr', '2'], /^vaelab train: --lr: must be <= 1 \(.+\), got 2\nvaelab train: --batch-size: must be >= 1, got 0$/],
    [['train', '--lr=-1'], /^vaelab train: --lr: must be > 0, got -1$/],
    [['train', '--lr', '0', '--steps', '1'], /^vaelab train: --lr: must be > 0, got 0$/],
    [['train', '--lr', 'NaN'], /^vaelab train: --lr: must be a number, got 'NaN'$/],
    [['train', '--lr', 'Infinity'], /^vaelab train: --lr: must be a finite number, got Infinity$/],
    [['train', '--latent-dim', '1e9'], /^vaelab train: --latent-dim: must be <= 4096 \(.+\), got 1000000000$/],
    [['train', '--steps', '1e300'], /^vaelab train: --steps: must be <= 1e9 \(more steps than a run can finish.*\), got 1e\+300$/],
    [['train', '--hidden', '400,0'], /^vaelab train: --hidden: must be >= 1, got 0$/],
    [['train', '--arch', 'conv', '--hidden', '8'], /^vaelab train: --hidden: .*applies to --arch mlp, not conv$/],
    [['train', '--backend', 'tpu'], /^vaelab train: --backend: must be one of/],
    [['train', '--beta', '2'], /^vaelab train: --beta: applies to --variant beta-vae or beta-tcvae, not vae$/],
    [['train', '--variant', 'dip-vae', '--type', 'iii'], /^vaelab train: --type: must be one of i, ii, got 'iii'$/],
    [['train', '--variant', 'hvae', '--layers', '32,x'], /^vaelab train: --layers: must be comma-separated numbers, got '32,x'$/],
    [['train', '--variant', 'beta-vae', '--beta', 'much'], /^vaelab train: --beta: must be a number, got 'much'$/],
    [['train', '--variant', 'beta-vae', '--beta=-1', '--steps', '1'], /^vaelab train: --beta: must be >= 0, got -1$/],
    [['train', '--latent-dim', '0', '--free-bits=-1'], /^vaelab train: --latent-dim: must be >= 1, got 0\nvaelab train: --free-bits: must be >= 0, got -1$/],
    [['frobnicate'], /^vaelab: unknown command 'frobnicate'; the commands are train, /],
  ])('%j is a usage error: exit 2 with a clear message', async (argv, message) => {
    const io = capture();
    expect(await main(argv as string[])).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each(VARIANTS.map((variant) => [variant.name, variant] as const))('--variant %s with no other flag builds exactly the model config create({}) and the training config parseTrainingConfig({}) build', async (_name, variant) => {
    const io = capture();
    expect(await main(['train', '--variant', variant.name, '--dry-run', '--backend', 'cpu'])).toBe(0);
    const printed = JSON.parse(io.out()) as { config: unknown; training: unknown };
    const model = variant.create({});
    // Through JSON as printed: the configs hold only JSON values (null, numbers, lists).
    expect(printed.config).toEqual(JSON.parse(JSON.stringify(model.config)));
    // The binarization left to the likelihood is printed as the one that will run.
    expect(printed.training).toEqual(JSON.parse(JSON.stringify(parseTrainingConfig({}, { likelihood: model.config.likelihood }))));
    model.dispose();
  });

  it('a training flag sets its field and leaves the others to the schema', async () => {
    const io = capture();
    expect(await main(['train', '--lr', '3e-4', '--steps', '7', '--binarization', 'static', '--dry-run', '--backend', 'cpu'])).toBe(0);
    const { training, steps } = JSON.parse(io.out()) as { training: Record<string, unknown>; steps: number };
    expect(training).toEqual({ ...JSON.parse(JSON.stringify(parseTrainingConfig({}))), learningRate: 3e-4, steps: 7, epochs: undefined, binarization: 'static' });
    expect(steps).toBe(7);
  });

  it('shows the training schema: each flag with its description and the default parseTrainingConfig fills in', async () => {
    const io = capture();
    expect(await main(['train', '--help'])).toBe(0);
    const help = io.out();
    const flags: Record<string, keyof typeof trainingConfigSchema.shape> = {
      lr: 'learningRate', 'batch-size': 'batchSize', 'clip-norm': 'gradientClipNorm', epochs: 'epochs', 'log-every': 'logEvery', 'eval-examples': 'evalExamples',
    };
    for (const [flag, field] of Object.entries(flags)) {
      const line = help.split('\n').find((l) => l.trimStart().startsWith(`--${flag} `));
      expect(line, flag).toContain(trainingConfigSchema.shape[field].description);
    }
    // The classic MNIST VAE's training: Adam 1e-3, batch 128, no clipping, 10 epochs, 10,000 held-out examples.
    expect(help).toMatch(/--batch-size <value>\s+minibatch size \(default: 128\)/);
    expect(help).toMatch(/--clip-norm <value>\s+clip gradients to this global norm \(default: off\)/);
    expect(help).toMatch(/--epochs <value>\s+.*\(default: 10; dSprites: --steps 5000\)/);
    expect(help).toMatch(/--eval-examples <value>\s+.*\(default: 10000\)/);
    expect(help).toMatch(/--binarization <value>\s+.*\(default: by --likelihood: bernoulli dynamic, gaussian none, gaussian-learned none\)/);
    expect(help).toMatch(/--steps <value>\s+optimisation steps instead of epochs\n/);
  });

  it('the hierarchical VAE keeps its own MLP sizes when only --arch mlp is given', async () => {
    const io = capture();
    expect(await main(['train', '--variant', 'hvae', '--arch', 'mlp', '--dry-run', '--backend', 'cpu'])).toBe(0);
    const { config } = JSON.parse(io.out()) as { config: { architecture: unknown; activation: string } };
    // Burda et al. 2015's two-layer MNIST model: 200-200 tanh between x and z1.
    expect(config.architecture).toEqual({ kind: 'mlp', hidden: [200, 200] });
    expect(config.activation).toBe('tanh');
  });

  it('shows the defaults the schemas hold, per variant where they differ', async () => {
    const io = capture();
    expect(await main(['train', '--help'])).toBe(0);
    expect(io.out()).toMatch(/--hidden <value>\s+MLP hidden sizes, comma-separated \(default: 400; hvae: 200,200\)/);
    expect(io.out()).toMatch(/--activation <value>\s+.*\(default: relu; hvae: tanh\)/);
    expect(io.out()).toMatch(/--latent-dim <value>\s+latent dimensions \(default: 20; hvae: /);
    expect(io.out()).toMatch(/--lr <value>\s+Adam learning rate \(default: 0\.001\)/);
  });

  it('lists each variant flag with its schema description and default', async () => {
    const io = capture();
    expect(await main(['train', '--help'])).toBe(0);
    expect(io.out()).toMatch(/--beta <value>\s+weight of the KL term \(beta-vae, default 4\)/);
    expect(io.out()).toMatch(/--capacity-max <value>\s+capacity form: C rises to this many nats \(beta-vae, default 25\)/);
    expect(io.out()).toMatch(/--layers <value>\s+stochastic layer sizes bottom-up.*\(hvae, default 100,50\)/);
  });

  it('builds the capacity form from its flags, the other capacity fields taking their defaults', async () => {
    const io = capture();
    const out = join(mkdtempSync(join(tmpdir(), 'vaelab-cli-')), 'b.vaelab');
    const code = await main(['train', '--variant', 'beta-vae', '--capacity-max', '5', '--gamma', '30', '--steps', '2', '--hidden', '8', '--latent-dim', '2', '--eval-examples', '50', '--backend', 'wasm', '--out', out]);
    expect(code).toBe(0);
    const model = await BetaVAE.load(out);
    expect(model.config.capacity).toEqual({ max: 5, steps: 100_000, gamma: 30 });
    model.dispose();
    expect(io.err()).toBe('');
  });

  it.each([
    ['beta-tcvae', ['--beta', '3'], { beta: 3 }],
    ['factor-vae', ['--gamma', '20', '--discriminator-hidden', '16,16'], { gamma: 20, discriminatorHidden: [16, 16] }],
    ['dip-vae', ['--type', 'ii', '--lambda-od', '2'], { type: 'ii', lambdaOd: 2, lambdaD: null }],
  ])('trains --variant %s from the flags its schema gives it', async (variant, flags, expected) => {
    capture();
    const out = join(mkdtempSync(join(tmpdir(), 'vaelab-cli-')), 'm.vaelab');
    const code = await main(['train', '--variant', variant, ...flags, '--steps', '2', '--hidden', '8', '--latent-dim', '2', '--eval-examples', '50', '--backend', 'wasm', '--out', out]);
    expect(code).toBe(0);
    const model = variantByName(variant).load(new Uint8Array(readFileSync(out)), out);
    expect(model.variantName).toBe(variant);
    expect(model.config).toMatchObject(expected);
    model.dispose();
  });

  it('an unavailable explicit backend is a clear error', async () => {
    const io = capture();
    expect(await main(['train', '--steps', '1', '--hidden', '8', '--backend', 'tensorflow'])).toBe(2);
    expect(io.err()).toMatch(/backend 'tensorflow' is not available/);
  });
});
