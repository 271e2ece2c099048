import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binarize, createRng, selectBackend } from '@vaelab/core';
import { PlainVAE } from '@vaelab/testing';
import type { BaseVAE, StepTerms } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { HierarchicalVAE } from './hvae.ts';

const mnist = loadDataset('mnist');
const shared = { architecture: { kind: 'mlp' as const, hidden: [48] }, activation: 'relu' as const, seed: 4 };
/** How the small models are trained (the training config of `fit`). */
const training = { batchSize: 32 };
const twoLayers = { ...shared, layers: [8, 4], latentHidden: [24] };

function digits(n: number, from = 0): tf.Tensor2D {
  const indices = Int32Array.from({ length: n }, (_, i) => from + i);
  return tf.tensor2d(binarize(mnist.test.images(indices), 'static'), [n, 784]);
}

async function trainTerms(model: BaseVAE, steps: number): Promise<StepTerms[]> {
  const terms: StepTerms[] = [];
  await model.fit(mnist.train, { ...training, steps, logEvery: 1, onStep: (s) => terms.push(s.terms) });
  return terms;
}

/** KL(N(mq, e^lq) || N(mp, e^lp)) summed over a row, in float64. */
function klRows(mq: Float32Array, lq: Float32Array, mp: Float32Array, lp: Float32Array, dim: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < mq.length / dim; r++) {
    let sum = 0;
    for (let j = r * dim; j < (r + 1) * dim; j++) sum += 0.5 * (lp[j] - lq[j] + (Math.exp(lq[j]) + (mq[j] - mp[j]) ** 2) / Math.exp(lp[j]) - 1);
    out.push(sum);
  }
  return out;
}

/** log N(z; mq, e^lq) - log N(z; mp, e^lp) per element, in float64. */
function logDensityGap(z: Float32Array, mq: Float32Array, lq: Float32Array, mp: Float32Array, lp: Float32Array): number[] {
  const logN = (v: number, m: number, l: number) => -0.5 * (Math.log(2 * Math.PI) + l + (v - m) ** 2 / Math.exp(l));
  return Array.from(z, (v, j) => logN(v, mq[j], lq[j]) - logN(v, mp[j], lp[j]));
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('HierarchicalVAE', () => {
  it("defaults to Burda et al.'s two-layer MNIST model and derives latentDim", () => {
    const model = new HierarchicalVAE();
    expect(model.config.layers).toEqual([100, 50]);
    expect(model.config.latentDim).toBe(150);
    expect(model.latentSize).toBe(150);
    expect(model.priorSize).toBe(50);
    expect(model.config.activation).toBe('tanh');
    const shape = (name: string) => model.variables.get(name)!.shape;
    expect(shape('encoder/dense0/kernel')).toEqual([784, 200]);
    expect(shape('encoder/dense2/kernel')).toEqual([200, 200]);
    expect(shape('inference1/dense0/kernel')).toEqual([100, 100]);
    expect(shape('inference1/dense2/kernel')).toEqual([100, 100]);
    expect(shape('prior1/dense0/kernel')).toEqual([50, 100]);
    expect(shape('prior1/dense2/kernel')).toEqual([100, 200]);
    expect(shape('decoder/dense0/kernel')).toEqual([100, 200]);
    model.dispose();
  });

  it('with one layer trains exactly like the plain VAE (same seed, same data)', async () => {
    const hvae = new HierarchicalVAE({ ...shared, layers: [6] });
    const plain = new PlainVAE({ ...shared, latentDim: 6 });
    expect([...hvae.variables.keys()]).toEqual([...plain.variables.keys()]);
    const [a, b] = [await trainTerms(hvae, 25), await trainTerms(plain, 25)];
    expect(a.map((t) => [t.loss, t.elbo, t.reconstruction, t.kl])).toEqual(b.map((t) => [t.loss, t.elbo, t.reconstruction, t.kl]));
    expect(a[24].klPerLayer).toEqual([a[24].kl]);
    const x = digits(5);
    expect(hvae.reconstruct(x).dataSync()).toEqual(plain.reconstruct(x).dataSync());
    expect(hvae.sample(3, { seed: 2 }).dataSync()).toEqual(plain.sample(3, { seed: 2 }).dataSync());
    expect(hvae.encode(x).mu.dataSync()).toEqual(plain.encode(x).mu.dataSync());
    hvae.dispose();
    plain.dispose();
  });

  it('with two layers reports one KL per layer, kl = their sum, the lower one the sampled log q - log p(z1 | z2)', () => {
    const model = new HierarchicalVAE(twoLayers);
    const x = digits(16);
    tf.tidy(() => {
      const pass = model.posterior(x, { noise: createRng(3) });
      const [z1, z2] = pass.layers;
      expect(z1.priorMu!.shape).toEqual([16, 8]);
      expect(z2.priorMu).toBeUndefined();
      const perDim = pass.klPerDimension;
      expect(perDim.shape).toEqual([16, 12]);
      const [k1, k2] = tf.split(perDim, [8, 4], 1);
      const data = (t: tf.Tensor) => t.dataSync() as Float32Array;
      const expected = logDensityGap(data(z1.z), data(z1.mu), data(z1.logvar), data(z1.priorMu!), data(z1.priorLogvar!));
      data(k1).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 3));
      const top = klRows(data(z2.mu), data(z2.logvar), new Float32Array(64), new Float32Array(64), 4);
      Array.from(tf.sum(k2, 1).dataSync()).forEach((v, r) => expect(v).toBeCloseTo(top[r], 3));

      const t = model.lossTerms(x, 0, undefined, createRng(3));
      const layers = t.klPerLayer!.map((s) => s.dataSync()[0]);
      expect(layers).toHaveLength(2);
      expect(t.kl.dataSync()[0]).toBeCloseTo(layers[0] + layers[1], 4);
      expect(t.elbo.dataSync()[0]).toBeCloseTo(-(t.reconstruction.dataSync()[0] + t.kl.dataSync()[0]), 3);
    });
    model.dispose();
  });

  it('lowers its loss on real MNIST digits over a few hundred steps, reporting kl/layer1 and kl/layer2', async () => {
    const model = new HierarchicalVAE(twoLayers);
    const steps: StepTerms[] = [];
    const result = await model.fit(mnist.train, { ...training, steps: 300, learningRate: 3e-3, logEvery: 10, onStep: (s) => steps.push(s.terms) });
    expect(result.status).toBe('completed');
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
    expect(mean(steps.slice(-3).map((s) => s.loss))).toBeLessThan(mean(steps.slice(0, 3).map((s) => s.loss)) * 0.6);
    const last = result.lastTerms!;
    expect(last.klPerLayer).toHaveLength(2);
    expect(last.kl).toBeCloseTo(last.klPerLayer![0] + last.klPerLayer![1], 2);
    model.dispose();
  });

  it('encodes every layer, decodes and samples through the top-down chain', () => {
    const model = new HierarchicalVAE(twoLayers);
    const x = digits(3);
    const encoding = model.encode(x);
    expect(encoding.layers!.map((l) => l.mu.shape)).toEqual([[3, 8], [3, 4]]);
    expect(encoding.mu.dataSync()).toEqual(encoding.layers![1].mu.dataSync());
    expect(model.decode(encoding.mu).shape).toEqual([3, 784]);
    const samples = model.sample(4, { seed: 9 });
    expect(samples.shape).toEqual([4, 784]);
    expect([tf.min(samples).dataSync()[0] >= 0, tf.max(samples).dataSync()[0] <= 1]).toEqual([true, true]);
    expect(model.sample(4, { seed: 9 }).dataSync()).toEqual(samples.dataSync());
    // Ancestral sampling draws z1 from p(z1 | z2): decoding the same top codes through the means differs.
    const top = tf.tensor2d(createRng(9).fillNormal(new Float32Array(16)), [4, 4]);
    const viaMeans = model.decode(top).dataSync();
    expect(viaMeans).not.toEqual(samples.dataSync());
    expect(model.reconstruct(x).shape).toEqual([3, 784]);
    expect(model.interpolate(digits(1), digits(1, 1), 5).shape).toEqual([5, 784]);
    model.dispose();
  });

  it('trains the conv architecture on 32x32 dSprites', async () => {
    const sprites = loadDataset('dsprites', { size: 32 });
    const model = new HierarchicalVAE({ inputShape: [32, 32, 1], architecture: { kind: 'conv' }, layers: [6, 3], latentHidden: [16] });
    const result = await model.fit(sprites.train, { ...training, steps: 4, logEvery: 2, batchSize: 8 });
    expect(result.status).toBe('completed');
    expect(result.lastTerms!.klPerLayer).toHaveLength(2);
    expect(model.sample(2, { seed: 1 }).shape).toEqual([2, 1024]);
    model.dispose();
  });

  it('saves and loads bit-exactly, with the same config', async () => {
    const model = new HierarchicalVAE({ ...twoLayers, seed: 8 });
    const path = join(mkdtempSync(join(tmpdir(), 'vaelab-hvae-')), 'model.vaelab');
    await model.save(path);
    const loaded = await HierarchicalVAE.load(path);
    expect(loaded.config).toEqual(model.config);
    expect([...loaded.variables.keys()]).toEqual([...model.variables.keys()]);
    for (const [name, v] of model.variables) expect(loaded.variables.get(name)!.dataSync()).toEqual(v.dataSync());
    const copy = HierarchicalVAE.fromBytes(model.toBytes());
    expect(copy.config).toEqual(model.config);
    for (const m of [model, loaded, copy]) m.dispose();
  });

  it('rejects bad config by field name', () => {
    expect(() => new HierarchicalVAE({ layers: [] })).toThrow(/layers: needs at least one stochastic layer/);
    expect(() => new HierarchicalVAE({ layers: [8, 0] })).toThrow(/layers\[1\]: must be >= 1, got 0/);
    expect(() => new HierarchicalVAE({ layers: [8, 4], latentDim: 10 })).toThrow(/latentDim: is the sum of layers \(8 \+ 4 = 12\)/);
    expect(() => new HierarchicalVAE({ latentHidden: [-3] })).toThrow(/latentHidden\[0\]: must be >= 1, got -3/);
    expect(new HierarchicalVAE({ ...twoLayers, latentDim: 12 }).config.latentDim).toBe(12);
  });

  it("splits a latentDim given without layers 2:1, as Burda et al.'s [100, 50]", () => {
    expect(new HierarchicalVAE({ latentDim: 150 }).config.layers).toEqual([100, 50]);
    expect(new HierarchicalVAE({ latentDim: 10 }).config.layers).toEqual([7, 3]);
    expect(new HierarchicalVAE({ latentDim: 1 }).config.layers).toEqual([1]);
    const model = new HierarchicalVAE({ latentDim: 10 });
    expect([model.latentSize, model.priorSize]).toEqual([10, 3]);
    model.dispose();
  });
});
