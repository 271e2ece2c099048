import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VAE } from '@vaelab/vae';
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
    [['train', '--lr', '0', '--steps', '1'], /learningRate: Number must be greater than 0/],
    [['train', '--backend', 'tpu'], /--backend must be one of/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j is a usage error: exit 2 with a clear message', async (argv, message) => {
    const io = capture();
    expect(await main(argv as string[])).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('an unavailable explicit backend is a clear error', async () => {
    const io = capture();
    expect(await main(['train', '--steps', '1', '--hidden', '8', '--backend', 'tensorflow'])).toBe(2);
    expect(io.err()).toMatch(/backend 'tensorflow' is not available/);
  });
});
