import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binarize, selectBackend } from '@vaelab/core';
import type { FitResult, ImageDataset } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { CVAE } from './cvae.ts';

const mnist = loadDataset('mnist');
const small = { latentDim: 4, architecture: { kind: 'mlp' as const, hidden: [64] }, seed: 2 };
/** How the small models are trained (the training config of `fit`). */
const training = { batchSize: 32, learningRate: 3e-3 };
const HELD_OUT = 300;
const heldOut = Int32Array.from({ length: HELD_OUT }, (_, i) => i);
const x = () => tf.tensor2d(binarize(mnist.test.images(heldOut), 'static'), [HELD_OUT, 784]);
const y = Array.from(mnist.test.labels!(heldOut));

let model: CVAE;

/** The condition hook, protected outside a variant, opened for this white-box check. */
class OpenCVAE extends CVAE {
  oneHot(labels: number[]): tf.Tensor2D {
    return this.conditionOf(labels, labels.length);
  }
}
let result: FitResult;
const losses: number[] = [];

/** Mean squared error between images and their reconstructions, per batch. */
function reconstructionError(labels: number[]): number {
  return tf.tidy(() => {
    const input = x();
    return tf.mean(tf.square(tf.sub(model.reconstruct(input, { label: labels }), input))).dataSync()[0];
  });
}

beforeAll(async () => {
  await selectBackend('wasm');
  model = new CVAE(small);
  result = await model.fit(mnist.train, { ...training, steps: 400, logEvery: 10, onStep: (s) => losses.push(s.terms.loss) });
});

describe('CVAE', () => {
  it('feeds a one-hot label of numClasses (default 10) to encoder and decoder', () => {
    const fresh = new OpenCVAE();
    expect(fresh.config.numClasses).toBe(10);
    expect(fresh.condition).toEqual({ classes: 10 });
    expect(fresh.variables.get('encoder/dense0/kernel')!.shape).toEqual([784 + 10, 400]);
    expect(fresh.variables.get('decoder/dense0/kernel')!.shape).toEqual([20 + 10, 400]);
    expect(fresh.oneHot([2, 0]).arraySync()).toEqual([[0, 0, 1, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]]);
    fresh.dispose();
  });

  it('lowers its loss on real MNIST digits over a few hundred steps', () => {
    expect(result.status).toBe('completed');
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
    expect(mean(losses.slice(-3))).toBeLessThan(mean(losses.slice(0, 3)) * 0.6);
  });

  it('reconstructs held-out digits better with the true label than with a wrong one', () => {
    const right = reconstructionError(y);
    const wrong = reconstructionError(y.map((label) => (label + 5) % 10));
    expect(right).toBeLessThan(wrong * 0.9);
  });

  it('draws class-conditional samples: each label gives digits nearest its own class mean', () => {
    const classMeans = tf.tidy(() => {
      const images = tf.tensor2d(mnist.test.images(Int32Array.from({ length: 2000 }, (_, i) => i)), [2000, 784]);
      const oneHot = tf.oneHot(tf.tensor1d(mnist.test.labels!(Int32Array.from({ length: 2000 }, (_, i) => i)), 'int32'), 10);
      return tf.div(tf.matMul(oneHot, images, true), tf.sum(oneHot, 0).reshape([10, 1]));
    });
    let hits = 0;
    for (let label = 0; label < 10; label++) {
      const nearest = tf.tidy(() => {
        const mean = tf.mean(model.sample(64, { label, seed: 5 }), 0, true);
        return tf.argMin(tf.sum(tf.square(tf.sub(classMeans, mean)), 1)).dataSync()[0];
      });
      if (nearest === label) hits++;
    }
    expect(hits).toBeGreaterThanOrEqual(8);
    const difference = tf.tidy(() => tf.mean(tf.abs(tf.sub(model.sample(16, { label: 1, seed: 3 }), model.sample(16, { label: 0, seed: 3 })))).dataSync()[0]);
    expect(difference).toBeGreaterThan(0.05);
    classMeans.dispose();
  });

  it('accepts a label vector per row; a one-hot vector equals the class index', () => {
    const input = x().slice([0, 0], [2, 784]) as tf.Tensor2D;
    const byIndex = model.encode(input, { label: [3, 8] }).mu.dataSync();
    const vectors = new Float32Array(20);
    vectors[3] = 1;
    vectors[18] = 1;
    expect(model.encode(input, { label: vectors }).mu.dataSync()).toEqual(byIndex);
    const mix = Float32Array.from({ length: 30 }, (_, i) => (i % 10 === 1 || i % 10 === 7 ? 0.5 : 0));
    expect(model.decode(tf.zeros([3, 4]) as tf.Tensor2D, { label: mix }).shape).toEqual([3, 784]);
    expect(model.interpolate(input.slice([0, 0], [1, 784]) as tf.Tensor2D, input.slice([1, 0], [1, 784]) as tf.Tensor2D, 4, { label: 3 }).shape).toEqual([4, 784]);
  });

  it('trains the conv architecture on 32x32 dSprites conditioned on shape', async () => {
    const sprites = loadDataset('dsprites', { size: 32 });
    const conv = new CVAE({ inputShape: [32, 32, 1], architecture: { kind: 'conv' }, latentDim: 4, numClasses: sprites.train.numClasses });
    expect(conv.config.numClasses).toBe(3);
    const fit = await conv.fit(sprites.train, { ...training, steps: 4, logEvery: 2, batchSize: 8 });
    expect(fit.status).toBe('completed');
    expect(conv.sample(2, { label: 2, seed: 1 }).shape).toEqual([2, 1024]);
    conv.dispose();
  });

  it('saves and loads bit-exactly, with the same config', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vaelab-cvae-')), 'model.vaelab');
    await model.save(path);
    const loaded = await CVAE.load(path);
    expect(loaded.config).toEqual(model.config);
    for (const [name, v] of model.variables) expect(loaded.variables.get(name)!.dataSync()).toEqual(v.dataSync());
    expect(loaded.sample(4, { label: 6, seed: 1 }).dataSync()).toEqual(model.sample(4, { label: 6, seed: 1 }).dataSync());
    const copy = CVAE.fromBytes(model.toBytes());
    expect(copy.config).toEqual(model.config);
    loaded.dispose();
    copy.dispose();
  });

  it('gives clear errors for unlabelled data, a class-count mismatch, bad labels and bad config', async () => {
    const train = mnist.train;
    const unlabelled: ImageDataset = { name: 'digits-without-labels', size: train.size, shape: train.shape, images: (i, out) => train.images(i, out) };
    await expect(new CVAE(small).fit(unlabelled, { ...training, steps: 1 })).rejects.toThrow(/dataset 'digits-without-labels' has no labels/);
    const five = new CVAE({ ...small, numClasses: 5 });
    await expect(five.fit(train, { ...training, steps: 1 })).rejects.toThrow(/^cvae: the model has 5 classes but dataset '.*' has 10;/);
    expect(() => five.evaluate(mnist.test)).toThrow(/^cvae: the model has 5 classes but dataset '.*' has 10;/);
    expect(() => model.sample(2, { label: 12 })).toThrow(/label 12 \(row 0\) is outside \[0, numClasses\) = \[0, 10\)/);
    expect(() => model.reconstruct(x().slice([0, 0], [2, 784]) as tf.Tensor2D, { label: [1, 2.5] })).toThrow(/label 2\.5 \(row 1\)/);
    expect(() => model.sample(2)).toThrow(/pass \{ label \}/);
    expect(() => model.sample(2, { label: [1, 2, 3] })).toThrow(/3 label values for 2 rows/);
    expect(() => new CVAE({ numClasses: 0 })).toThrow(/numClasses: /);
    expect(() => new CVAE({ numClasses: 2.5 })).toThrow(/numClasses: /);
  });
});
