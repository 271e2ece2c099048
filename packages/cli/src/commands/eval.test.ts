import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { classifierLocation, featureClassifier, writeClassifier } from '@vaelab/metrics';
import { VAE } from '@vaelab/vae';
import { variantByName } from '@vaelab/experiments/variants';
import { main } from '../main.ts';

function capture(): { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'vaelab-eval-'));
const classifierDir = join(dir, 'classifiers');
const modelFile = join(dir, 'tiny.vaelab');

beforeAll(async () => {
  await selectBackend('wasm');
  const model = new VAE({ latentDim: 3, architecture: { kind: 'mlp', hidden: [32] } });
  await model.fit(loadDataset('mnist').train, { steps: 20 });
  await model.save(modelFile);
  model.dispose();
  // The command looks for the default-recipe classifier; a small one stored under that key keeps
  // this test about the command, not about training the classifier.
  const split = loadDataset('mnist');
  const small = await featureClassifier(split, { dir: join(dir, 'small'), recipe: { hidden: [32, 16], steps: 60 } });
  const target = classifierLocation(split, { dir: classifierDir });
  await writeClassifier(target.path, target.key, small.classifier, { ...target.recipe, hidden: [32, 16] }, small.accuracy);
  small.classifier.dispose();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('vaelab eval', () => {
  it('prints one JSON object with the collapse and quality metrics of a saved model', async () => {
    const io = capture();
    const code = await main(['eval', modelFile, '--dataset', 'mnist', '--json', '--backend', 'wasm', '--classifier-dir', classifierDir]);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
    const metrics = JSON.parse(io.out()) as Record<string, number>;
    for (const key of ['kl', 'kl/dim0', 'kl/dim2', 'active_units', 'mutual_information', 'log_likelihood', 'frechet_distance', 'frechet_distance_recon', 'precision', 'recall']) {
      expect(Number.isFinite(metrics[key]), key).toBe(true);
    }
    expect(metrics).not.toHaveProperty('mig'); // MNIST has no factors
    expect(metrics).not.toHaveProperty('conditional_accuracy');
    expect(metrics.log_likelihood).toBeLessThan(0);
  });

  it('prints a table grouped by collapse and quality', async () => {
    const io = capture();
    expect(await main(['eval', modelFile, '--backend', 'wasm', '--classifier-dir', classifierDir])).toBe(0);
    expect(io.out()).toMatch(/^collapse\n\s+kl\/dim0\s+\d/m);
    expect(io.out()).toMatch(/^quality\n\s+log_likelihood\s+-\d/m);
    expect(io.out()).toMatch(/cached; held-out accuracy class \d+\.\d%.*not FID/);
  });

  it('--help lists --budget and not the retired --profile', async () => {
    const io = capture();
    expect(await main(['eval', '--help'])).toBe(0);
    expect(io.out()).toMatch(/^\s+--budget <value>\s+sample sizes: quick \(IWAE k=\d+/m);
    expect(io.out()).not.toMatch(/--profile/);
  });

  it.each([
    [() => ['eval', join(dir, 'missing.vaelab')], /missing\.vaelab: cannot read the model file \(no such file\)/],
    [() => { const f = join(dir, 'junk.vaelab'); writeFileSync(f, 'hello'); return ['eval', f]; }, /junk\.vaelab: not a vaelab checkpoint/],
    [() => {
      // Four bytes flipped in the weights (the checkpoint ends with the weights, then a 4-byte checksum).
      const bytes = readFileSync(modelFile);
      for (let i = 1; i <= 4; i++) bytes[bytes.length - 4 - 16 - i] ^= 0xff;
      const f = join(dir, 'damaged.vaelab');
      writeFileSync(f, bytes);
      return ['eval', f];
    }, /damaged\.vaelab: damaged checkpoint \(CRC-32 of the contents/],
    [() => ['eval', modelFile, '--dataset', 'dsprites', '--image-size', '32'], /takes 28x28x1 images, dsprites-32 has 32x32x1/],
    [() => ['eval'], /takes one model file/],
    [() => ['eval', modelFile, '--budget', 'huge'], /^vaelab eval: --budget: must be one of quick, full, got 'huge'$/],
    [() => ['eval', modelFile, '--profile', 'full'], /^vaelab eval: --profile: renamed to --budget \(the sample sizes of the metrics; a profile is a sweep file's quick or full variant\)$/],
  ])('bad input %# exits 2 with a message, no stack', async (argv, message) => {
    const io = capture();
    expect(await main([...argv(), '--backend', 'wasm'])).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it('refuses a conditional model on data of another class count with core\'s one label check, exit code 2', async () => {
    const file = join(dir, 'four-classes.vaelab');
    const cvae = variantByName('cvae').create({ numClasses: 4, latentDim: 2, architecture: { kind: 'mlp', hidden: [16] } });
    await cvae.save(file);
    cvae.dispose();
    const io = capture();
    expect(await main(['eval', file, '--dataset', 'mnist', '--backend', 'wasm', '--classifier-dir', classifierDir])).toBe(2);
    expect(io.err()).toContain(`${file}: cvae: the model has 4 classes but dataset 'mnist`);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });
});
