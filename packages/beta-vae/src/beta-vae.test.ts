import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binarize, createRng, selectBackend } from '@vaelab/core';
import { PlainVAE } from '@vaelab/testing';
import type { BaseVAE, StepTerms } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { BetaVAE } from './beta-vae.ts';

const mnist = loadDataset('mnist');
const small = { latentDim: 6, architecture: { kind: 'mlp' as const, hidden: [48] }, seed: 11 };
/** How the small models are trained (the training config of `fit`). */
const training = { batchSize: 32 };

/** Held-out digits, thresholded, as one batch. */
function digits(n: number): tf.Tensor2D {
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  return tf.tensor2d(binarize(mnist.test.images(indices), 'static'), [n, 784]);
}

async function trainTerms(model: BaseVAE, steps: number): Promise<StepTerms[]> {
  const terms: StepTerms[] = [];
  await model.fit(mnist.train, { ...training, steps, logEvery: 1, onStep: (s) => terms.push(s.terms) });
  return terms;
}

/** Loss, reconstruction and KL of one batch with fixed noise, as float32 numbers. */
function termsAt(model: BaseVAE, x: tf.Tensor2D, step: number): { loss: number; elbo: number; reconstruction: number; kl: number } {
  return tf.tidy(() => {
    const t = model.lossTerms(x, step, undefined, createRng(7));
    return { loss: t.loss.dataSync()[0], elbo: t.elbo.dataSync()[0], reconstruction: t.reconstruction.dataSync()[0], kl: t.kl.dataSync()[0] };
  });
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('BetaVAE', () => {
  it('defaults to beta 4 and fills the capacity defaults of disentanglement_lib', () => {
    const model = new BetaVAE(small);
    expect(model.config.beta).toBe(4);
    expect(model.config.capacity).toBeNull();
    expect(model.capacityAt(10)).toBeNull();
    const annealed = new BetaVAE({ ...small, capacity: {} });
    expect(annealed.config.capacity).toEqual({ max: 25, steps: 100_000, gamma: 1000 });
    expect(annealed.capacityAt(50_000)).toBe(12.5);
    model.dispose();
    annealed.dispose();
  });

  it('lowers its loss on real MNIST digits over a few hundred steps', async () => {
    const model = new BetaVAE(small);
    const losses: number[] = [];
    const result = await model.fit(mnist.train, { ...training, steps: 300, learningRate: 3e-3, logEvery: 10, onStep: (s) => losses.push(s.terms.loss) });
    expect(result.status).toBe('completed');
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
    expect(mean(losses.slice(-3))).toBeLessThan(mean(losses.slice(0, 3)) * 0.6);
    expect(result.lastTerms!.elbo).toBeCloseTo(-(result.lastTerms!.reconstruction + result.lastTerms!.kl), 2);
    model.dispose();
  });

  it('with beta = 1 trains exactly like the plain VAE (same seed, same data)', async () => {
    const beta = new BetaVAE({ ...small, beta: 1 });
    const plain = new PlainVAE(small);
    const [a, b] = [await trainTerms(beta, 25), await trainTerms(plain, 25)];
    expect(a.length).toBe(25);
    expect(a.map((t) => [t.loss, t.elbo, t.reconstruction, t.kl])).toEqual(b.map((t) => [t.loss, t.elbo, t.reconstruction, t.kl]));
    beta.dispose();
    plain.dispose();
  });

  it('scales the KL term in the loss by beta exactly, and keeps elbo the true ELBO', () => {
    const x = digits(64);
    for (const beta of [4, 0.25, 10]) {
      const model = new BetaVAE({ ...small, beta });
      const t = termsAt(model, x, 3);
      expect(t.kl).toBeGreaterThan(0);
      expect(t.loss).toBe(Math.fround(t.reconstruction + Math.fround(beta * t.kl)));
      expect(t.elbo).toBe(Math.fround(-Math.fround(t.reconstruction + t.kl)));
      model.dispose();
    }
  });

  it('composes beta with the KL schedule weight: loss = reconstruction + beta * weight * KL', () => {
    const model = new BetaVAE({ ...small, beta: 4, klSchedule: { kind: 'linear', steps: 100 } });
    const x = digits(32);
    const t = termsAt(model, x, 25);
    expect(t.loss).toBe(Math.fround(t.reconstruction + Math.fround(t.kl)));
    model.dispose();
  });

  it('in the capacity form the regularizer is gamma * |KL - C(step)|, C rising linearly to cMax', () => {
    const model = new BetaVAE({ ...small, capacity: { max: 10, steps: 100, gamma: 1000 } });
    const x = digits(64);
    for (const [step, c] of [[0, 0], [30, 3], [100, 10], [5000, 10]] as const) {
      expect(model.capacityAt(step)).toBe(c);
      const t = termsAt(model, x, step);
      const expected = Math.fround(1000 * Math.abs(Math.fround(t.kl - Math.fround(c))));
      expect(t.loss).toBe(Math.fround(t.reconstruction + expected));
    }
    model.dispose();
  });

  it('trains the conv architecture on 32x32 dSprites', async () => {
    const sprites = loadDataset('dsprites', { size: 32 });
    const model = new BetaVAE({ inputShape: [32, 32, 1], architecture: { kind: 'conv' }, latentDim: 4, beta: 2 });
    const result = await model.fit(sprites.train, { ...training, steps: 4, logEvery: 2, batchSize: 8 });
    expect(result.status).toBe('completed');
    expect(Number.isFinite(result.lastTerms!.loss)).toBe(true);
    expect(model.sample(2, { seed: 1 }).shape).toEqual([2, 1024]);
    model.dispose();
  });

  it('saves and loads bit-exactly, with the same config', async () => {
    const model = new BetaVAE({ ...small, beta: 6, capacity: { max: 5 } });
    const path = join(mkdtempSync(join(tmpdir(), 'vaelab-beta-vae-')), 'model.vaelab');
    await model.save(path);
    const loaded = await BetaVAE.load(path);
    expect(loaded.config).toEqual(model.config);
    for (const [name, v] of model.variables) expect(loaded.variables.get(name)!.dataSync()).toEqual(v.dataSync());
    const copy = BetaVAE.fromBytes(model.toBytes());
    expect(copy.config).toEqual(model.config);
    expect(copy.variables.get('decoder/dense1/kernel')!.dataSync()).toEqual(model.variables.get('decoder/dense1/kernel')!.dataSync());
    const plain = new PlainVAE(small);
    expect(() => BetaVAE.fromBytes(plain.toBytes())).toThrow(/'plain' model, not 'beta-vae'/);
    for (const m of [model, loaded, copy, plain]) m.dispose();
  });

  it('rejects bad config by field name', () => {
    expect(() => new BetaVAE({ beta: -1 })).toThrow(/beta: /);
    expect(() => new BetaVAE({ capacity: { gamma: -5 } })).toThrow(/capacity\.gamma/);
    expect(() => new BetaVAE({ capacity: { max: -1 } })).toThrow(/capacity\.max/);
    expect(() => new BetaVAE({ capacity: { steps: 2.5 } })).toThrow(/capacity\.steps/);
    expect(() => new BetaVAE({ beta: Infinity })).toThrow(/^beta-VAE config: beta: must be a finite number, got Infinity$/);
    expect(() => new BetaVAE({ capacity: { gamma: 1e7 } })).toThrow(/^beta-VAE config: capacity\.gamma: must be <= 1e6 \(.+\), got 10000000$/);
    expect(() => new BetaVAE({ capacity: { cMax: 3 } as never })).toThrow(/capacity\.cMax: unknown field/);
    expect(() => new BetaVAE({ betta: 3 } as never)).toThrow(/^beta-VAE config: betta: unknown field; did you mean beta\?$/);
  });
});
