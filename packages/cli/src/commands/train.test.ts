import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VAE } from '@vaelab/vae';
import { BetaVAE } from '@vaelab/beta-vae';
import { main } from '../main.ts';

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
    [['train', '--bogus'], /Unknown option '--bogus'/],
    [['train', '--epochs', 'x'], /--epochs must be an integer/],
    [['train', '--dataset', 'cifar'], /--dataset must be one of mnist, fashion-mnist, dsprites/],
    [['train', '--variant', 'gan'], /--variant must be one of/],
    [['train', '--epochs', '1', '--steps', '5'], /--epochs or --steps, not both/],
    [['train', '--lr=-1'], /--lr must be a number/],
    [['train', '--lr', '0', '--steps', '1'], /^vaelab train: VAE config: learningRate: must be > 0, got 0$/],
    [['train', '--backend', 'tpu'], /--backend must be one of/],
    [['train', '--beta', '2'], /--beta applies to --variant beta-vae or beta-tcvae, not vae/],
    [['train', '--variant', 'dip-vae', '--type', 'iii'], /--type must be one of i, ii; got 'iii'/],
    [['train', '--variant', 'hvae', '--layers', '32,x'], /--layers must be comma-separated numbers, got '32,x'/],
    [['train', '--variant', 'beta-vae', '--beta', 'much'], /--beta must be a number, got 'much'/],
    [['train', '--variant', 'beta-vae', '--beta=-1', '--steps', '1'], /^vaelab train: beta-VAE config: beta: must be >= 0, got -1$/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j is a usage error: exit 2 with a clear message', async (argv, message) => {
    const io = capture();
    expect(await main(argv as string[])).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at /); // no stack trace
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

  it('an unavailable explicit backend is a clear error', async () => {
    const io = capture();
    expect(await main(['train', '--steps', '1', '--hidden', '8', '--backend', 'tensorflow'])).toBe(2);
    expect(io.err()).toMatch(/backend 'tensorflow' is not available/);
  });
});
