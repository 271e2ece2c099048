import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.ts';
import { baseVaeConfigSchema, normalizeConfig, ConfigError } from './config.ts';
import type { BaseVaeConfig } from './config.ts';
import { readCheckpoint, restoreModel } from './checkpoint.ts';
import { createRng } from './rng.ts';
import { PlainVAE, barsDataset } from '@vaelab/testing';
import { subsetDataset } from './data.ts';
import type { ImageDataset } from './data.ts';

const small = { inputShape: [8, 8, 1] as [number, number, number], latentDim: 3, architecture: { kind: 'mlp' as const, hidden: [16] } };
/** How the small models are trained (the training config of `fit`). */
const training = { batchSize: 16 };
const data = barsDataset(128);
const test = barsDataset(64, { seed: 2, name: 'bars/test' });

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('BaseVAE training', () => {
  it('lowers the loss on real structure', async () => {
    const model = new PlainVAE(small);
    const losses: number[] = [];
    const result = await model.fit(data, { ...training, steps: 300, learningRate: 3e-3, logEvery: 10, onStep: (s) => losses.push(s.terms.loss) });
    expect(result.status).toBe('completed');
    expect(result.steps).toBe(300);
    const first = losses.slice(0, 3).reduce((a, b) => a + b) / 3;
    const last = losses.slice(-3).reduce((a, b) => a + b) / 3;
    expect(last).toBeLessThan(first * 0.7);
    model.dispose();
  });

  it('is reproducible: the same seed gives the same losses', async () => {
    const run = async (seed: number) => {
      const model = new PlainVAE({ ...small, seed });
      const losses: number[] = [];
      await model.fit(data, { ...training, steps: 40, logEvery: 5, onStep: (s) => losses.push(s.terms.loss) });
      model.dispose();
      return losses;
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(await run(6)).not.toEqual(a);
  });

  it('reports the fixed terms, with elbo = -(reconstruction + kl) and kl = sum of kl per dim', async () => {
    const model = new PlainVAE({ ...small, klSchedule: { kind: 'constant', weight: 0.5 } });
    let seen: { elbo: number; reconstruction: number; kl: number; loss: number; perDim: number } | undefined;
    await model.fit(data, { ...training, steps: 5, logEvery: 5, onStep: (s) => (seen = { ...s.terms, perDim: Array.from(s.klPerDim).reduce((a, b) => a + b) }) });
    expect(seen!.elbo).toBeCloseTo(-(seen!.reconstruction + seen!.kl), 3);
    expect(seen!.perDim).toBeCloseTo(seen!.kl, 3);
    expect(seen!.loss).toBeCloseTo(seen!.reconstruction + 0.5 * seen!.kl, 3);
    model.dispose();
  });

  it('ends a run whose loss becomes NaN as diverged, with the step, instead of crashing', async () => {
    const model = new PlainVAE(small);
    const poisoned = { ...data, images: (idx: ArrayLike<number>, out?: Float32Array) => data.images(idx, out).fill(Number.NaN) };
    const result = await model.fit(poisoned, { ...training, steps: 50, learningRate: 1e-3, logEvery: 1, binarization: 'none' });
    expect(result.status).toBe('diverged');
    expect(result.divergedAt?.step).toBe(0);
    expect(result.divergedAt?.message).toMatch(/NaN/);
    model.dispose();
  });

  it('clips the gradient to the configured global norm', async () => {
    const model = new PlainVAE(small);
    const norms: number[] = [];
    const result = await model.fit(data, { ...training, steps: 20, gradientClipNorm: 1e-3, learningRate: 1e-2, logEvery: 1, onStep: (s) => norms.push(s.terms.gradNorm) });
    expect(result.status).toBe('completed');
    expect(Math.min(...norms)).toBeGreaterThan(1e-3); // raw norms are larger than the clip, so clipping was active
    model.dispose();
  });

  it('stops at an aborted signal with status interrupted', async () => {
    const model = new PlainVAE(small);
    const controller = new AbortController();
    const result = await model.fit(data, { ...training, steps: 1000, logEvery: 1, signal: controller.signal, onStep: (s) => s.step === 9 && controller.abort() });
    expect(result.status).toBe('interrupted');
    expect(result.steps).toBe(10);
    model.dispose();
  });

  it('leaks no tensors: the count after step 10 equals the count after step 1000', async () => {
    const model = new PlainVAE(small);
    const counts = new Map<number, number>();
    await model.fit(data, { ...training, steps: 1000, gradientClipNorm: 5, logEvery: 10, onStep: (s) => counts.set(s.step + 1, tf.memory().numTensors) });
    expect(counts.get(1000)).toBe(counts.get(10));
    model.dispose();
  });

  it('evaluates held-out data deterministically', async () => {
    const model = new PlainVAE(small);
    const a = model.evaluate(test, { seed: 3 });
    const b = model.evaluate(test, { seed: 3 });
    expect(a).toEqual(b);
    expect(a.examples).toBe(64);
    expect(a.klPerDim).toHaveLength(3);
    model.dispose();
  });

  it('evaluates a random sample of an ordered split, not its first examples', () => {
    // 1,000 examples ordered like a factor grid: 500 blank images, then 500 all-ink ones.
    const width = 64;
    const ordered: ImageDataset = {
      name: 'ordered', size: 1000, shape: [8, 8, 1],
      images: (ids, out = new Float32Array(ids.length * width)) => {
        for (let i = 0; i < ids.length; i++) out.fill(ids[i] < 500 ? 0 : 1, i * width, (i + 1) * width);
        return out;
      },
    };
    const model = new PlainVAE(small);
    const blank = model.evaluate(subsetDataset(ordered, Array.from({ length: 500 }, (_, i) => i)), { binarization: 'none' });
    const ink = model.evaluate(subsetDataset(ordered, Array.from({ length: 500 }, (_, i) => 500 + i)), { binarization: 'none' });
    const sampled = model.evaluate(ordered, { maxExamples: 200, binarization: 'none', seed: 5 });
    expect(sampled.examples).toBe(200);
    // The untrained decoder's Bernoulli means sit near 0.5, so blank and inked images score alike
    // only by chance: require a clear gap, then a sample that mixes both halves.
    expect(Math.abs(blank.reconstruction - ink.reconstruction)).toBeGreaterThan(1);
    const share = (sampled.reconstruction - blank.reconstruction) / (ink.reconstruction - blank.reconstruction);
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.65);
    model.dispose();
  });
});

describe('checkpoints', () => {
  it('round-trips weights and config bit-exactly', async () => {
    const model = new PlainVAE({ ...small, architecture: { kind: 'mlp', hidden: [12, 6] }, seed: 9 });
    await model.fit(data, { ...training, steps: 20 });
    const path = join(mkdtempSync(join(tmpdir(), 'vaelab-')), 'model.vaelab');
    await model.save(path);
    const loaded = restoreModel(await readCheckpoint(path), 'plain', (c) => new PlainVAE(c as Partial<BaseVaeConfig>));
    expect(loaded.config).toEqual(model.config);
    for (const [name, variable] of model.variables) {
      expect(Buffer.from(loaded.variables.get(name)!.dataSync().buffer)).toEqual(Buffer.from(variable.dataSync().buffer));
    }
    const x = tf.tensor2d(test.images([0, 1, 2]), [3, 64]);
    expect(loaded.reconstruct(x).dataSync()).toEqual(model.reconstruct(x).dataSync());
    await expect(readCheckpoint(join(path, 'missing'))).rejects.toThrow(/cannot read checkpoint/);
    expect(() => restoreModel({ variant: 'other', config: {}, formerTraining: {}, tensors: new Map(), checksum: 'crc32' }, 'plain', () => model)).toThrow(/'other' model/);
    model.dispose();
    loaded.dispose();
  });
});

describe('config', () => {
  it('names each bad field', () => {
    expect(() => new PlainVAE({ latentDim: 0 })).toThrow(/latentDim/);
    // The optimizer's settings are the training config's: a model config that sets one is told where it goes.
    expect(() => new PlainVAE({ learningRate: 1e-3 } as Partial<BaseVaeConfig>)).toThrow(/^VAE config: learningRate: is part of the training config now, not the model config: give it to fit\(\)/);
    expect(() => new PlainVAE({ latnetDim: 3 } as Partial<BaseVaeConfig>)).toThrow(/latnetDim: unknown field/);
    try {
      new PlainVAE({ logvarRange: [3, 1] });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues[0].path).toBe('logvarRange');
    }
  });
  it('fills defaults: the classic 784-400-20 Bernoulli model, with no training settings in it', () => {
    const config = normalizeConfig(baseVaeConfigSchema, {});
    expect(config).toMatchObject({ inputShape: [28, 28, 1], latentDim: 20, architecture: { kind: 'mlp', hidden: [400] }, likelihood: 'bernoulli', seed: 0 });
    for (const field of ['learningRate', 'batchSize', 'gradientClipNorm']) expect(config).not.toHaveProperty(field);
  });
});

describe('conv architecture', () => {
  it('trains on 32x32 images on the wasm backend (which has no stock conv filter gradient)', async () => {
    const bars = barsDataset(32, { side: 32 });
    const model = new PlainVAE({ inputShape: [32, 32, 1], latentDim: 4, architecture: { kind: 'conv' } });
    const losses: number[] = [];
    const result = await model.fit(bars, { ...training, steps: 30, batchSize: 8, logEvery: 1, onStep: (s) => losses.push(s.terms.loss) });
    expect(result.status).toBe('completed');
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    model.dispose();
  });
});

describe('log importance weights', () => {
  it('average to the ELBO: E_q[log p(x,z) - log q(z|x)] = E_q[log p(x|z)] - KL', async () => {
    const model = new PlainVAE({ ...small, seed: 4 });
    await model.fit(data, { ...training, steps: 50 });
    const x = tf.tensor2d(data.images([0, 1, 2, 3]), [4, 64]);
    const draws = 4000;
    const [meanWeight, elbo] = tf.tidy(() => {
      const xs = tf.tile(x, [draws / 4, 1]) as tf.Tensor2D;
      // The same seed: both passes draw the same z.
      const terms = model.lossTerms(xs, 0, undefined, createRng(21));
      return [tf.mean(model.logImportanceWeights(xs, 1, { noise: createRng(21) })).dataSync()[0], terms.elbo.dataSync()[0]];
    });
    // Same draws: the weight's mean differs from the ELBO estimate only by (KL closed form - KL sample), small at 4000 draws.
    expect(Math.abs(meanWeight - elbo)).toBeLessThan(0.05 * Math.abs(elbo) + 0.2);
    model.dispose();
  });
});
