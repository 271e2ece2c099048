import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVALUATION_STEP, checkLabels, createRng, evaluateModel, selectBackend } from '@vaelab/core';
import type { BaseVAE, ImageDataset, LossTerms, ObjectiveInput, Rng } from '@vaelab/core';
import { collapseMetrics, iwaeLogLikelihood } from '@vaelab/metrics';
import { randomImages } from '@vaelab/testing';
import { VARIANTS, variantByName } from './registry.ts';

// The public model contract against the computations metrics ran before it existed (the
// training hooks, now protected, reached here through a cast for the comparison only), the
// evaluation step against the schedules' end weights, and the one label check.

/** The protected training hooks the metrics used to call directly. */
interface Hooks {
  forward(x: tf.Tensor2D, step: number, condition?: tf.Tensor2D, rng?: Rng): ObjectiveInput;
  conditionOf(labels: ArrayLike<number> | undefined, rows: number): tf.Tensor2D | undefined;
  klMatrix(input: ObjectiveInput): tf.Tensor2D;
  logImportanceWeight(input: ObjectiveInput): tf.Tensor1D;
}
const hooks = (model: BaseVAE): Hooks => model as unknown as Hooks;

const CLASSES = 4;
const data = randomImages(64, [8, 8, 1], 3, CLASSES);
const small = { inputShape: [8, 8, 1], architecture: { kind: 'mlp', hidden: [16] }, seed: 2 };

function create(name: string, extra: Record<string, unknown> = {}): BaseVAE {
  const entry = variantByName(name);
  return entry.create({ ...small, ...(name === 'hvae' ? { layers: [3, 2] } : { latentDim: 3 }), ...(entry.needsLabels ? { numClasses: CLASSES } : {}), ...extra }) as unknown as BaseVAE;
}

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('the public model contract gives the numbers of the hooks it replaces', () => {
  for (const entry of VARIANTS) {
    it(`${entry.name}: posterior, klPerDimension and logImportanceWeights`, () => {
      const model = create(entry.name);
      const n = 6, k = 3;
      const indices = Int32Array.from({ length: n }, (_, i) => i);
      const labels = entry.needsLabels ? data.labels!(indices) : undefined;
      tf.tidy(() => {
        const x = tf.tensor2d(data.images(indices), [n, 64]);
        const old = hooks(model).forward(x, Number.MAX_SAFE_INTEGER, hooks(model).conditionOf(labels, n), createRng(5));
        const pass = model.posterior(x, { label: labels, noise: createRng(5) });
        expect(values(pass.klPerDimension)).toEqual(values(hooks(model).klMatrix(old)));
        expect(pass.klPerDimension.shape).toEqual([n, model.latentSize]);
        const oldLayers = old.layers ?? [old];
        expect(pass.layers.map((l) => values(l.mu))).toEqual(oldLayers.map((l) => values(l.mu)));
        expect(pass.layers.map((l) => values(l.z))).toEqual(oldLayers.map((l) => values(l.z)));
        expect(model.latentLayers.map((l) => l.size)).toEqual(oldLayers.map((l) => l.mu.shape[1]));
        expect(values(model.klPerDimension(x, { label: labels, noise: createRng(5) }))).toEqual(values(pass.klPerDimension));

        // The IWAE metric's old pass: each example repeated k times in place, then one forward pass.
        const owner = Int32Array.from({ length: n * k }, (_, r) => Math.floor(r / k));
        const repeatedLabels = labels && Int32Array.from(owner, (i) => labels[i]);
        const oldWeights = hooks(model).logImportanceWeight(
          hooks(model).forward(tf.gather(x, owner) as tf.Tensor2D, Number.MAX_SAFE_INTEGER, hooks(model).conditionOf(repeatedLabels, n * k), createRng(6)));
        const weights = model.logImportanceWeights(x, k, { label: labels, noise: createRng(6) });
        expect(weights.shape).toEqual([n, k]);
        expect(values(weights)).toEqual(values(oldWeights));
      });
      expect(model.condition).toEqual(entry.needsLabels ? { classes: CLASSES } : undefined);
      model.dispose();
    });
  }

  // Single-layer: its noise is drawn row by row, so pass sizes do not change the draws (a
  // hierarchical model draws each layer's noise for a whole pass before the next layer's).
  it('iwaeLogLikelihood agrees whether an example fits in one pass or is split over several', () => {
    const model = create('cvae');
    const options = { k: 8, examples: 10, seed: 1, binarization: 'none' as const };
    const whole = iwaeLogLikelihood(model, data, { ...options, chunk: 100 });
    const split = iwaeLogLikelihood(model, data, { ...options, chunk: 3 });
    expect(split.log_likelihood).toBeCloseTo(whole.log_likelihood, 4);
    expect(split.log_likelihood_elbo).toBeCloseTo(whole.log_likelihood_elbo, 4);
    model.dispose();
  });
});

describe('EVALUATION_STEP', () => {
  function termsAt(model: BaseVAE, step: number): { loss: number; reconstruction: number; kl: number } {
    return tf.tidy(() => {
      const t: LossTerms = model.lossTerms(tf.tensor2d(data.images(Int32Array.from({ length: 16 }, (_, i) => i)), [16, 64]), step, data.labels!(Int32Array.from({ length: 16 }, (_, i) => i)), createRng(8));
      return { loss: t.loss.dataSync()[0], reconstruction: t.reconstruction.dataSync()[0], kl: t.kl.dataSync()[0] };
    });
  }

  const schedules = [
    { schedule: { kind: 'linear', steps: 1000, from: 0, to: 0.7 }, end: 0.7 },
    { schedule: { kind: 'cyclical', totalSteps: 4000, cycles: 4, ratio: 0.5, max: 0.9 }, end: 0.9 },
    { schedule: { kind: 'constant', weight: 0.3 }, end: 0.3 },
  ] as const;
  for (const { schedule, end } of schedules) {
    it(`weighs the KL with the ${schedule.kind} schedule's final weight, ${end}`, () => {
      const model = create('vae', { klSchedule: schedule });
      const t = termsAt(model, EVALUATION_STEP);
      expect(t.loss).toBeCloseTo(t.reconstruction + end * t.kl, 4);
      // Early in training the weight is another one (0 at the start of a warm-up or a cycle).
      if (schedule.kind !== 'constant') expect(Math.abs(termsAt(model, 0).loss - t.loss)).toBeGreaterThan(0.1 * t.kl);
      model.dispose();
    });
  }

  it('holds the capacity-annealed beta-VAE at its final capacity: gamma |KL - C_max|', () => {
    const model = create('beta-vae', { capacity: { max: 25, steps: 1000, gamma: 100 } });
    const t = termsAt(model, EVALUATION_STEP);
    expect(t.loss).toBeCloseTo(t.reconstruction + 100 * Math.abs(t.kl - 25), 2);
    model.dispose();
  });
});

describe('the one label check', () => {
  const unlabelled: ImageDataset = { name: 'pixels-without-labels', size: data.size, shape: data.shape, images: (i, out) => data.images(i, out) };
  const message = "cvae: dataset 'pixels-without-labels' has no labels, and a conditional model needs a class label per example (e.g. MNIST digits, Fashion-MNIST classes, dSprites shape)";

  it('refuses unlabelled data for a conditional model with one message, wherever the model meets the data', async () => {
    const model = create('cvae');
    expect(() => checkLabels(model, unlabelled)).toThrow(message);
    await expect(model.fit(unlabelled, { steps: 1 })).rejects.toThrow(message);
    await expect(model.fit(data, { steps: 1, test: unlabelled })).rejects.toThrow(message);
    expect(() => model.evaluate(unlabelled)).toThrow(message);
    expect(() => evaluateModel(model, unlabelled)).toThrow(message);
    expect(() => collapseMetrics(model, unlabelled)).toThrow(message);
    expect(() => iwaeLogLikelihood(model, unlabelled, { k: 2, examples: 4 })).toThrow(message);
    model.dispose();
  });

  it('refuses data of another class count, and lets an unconditional model read anything', () => {
    const model = create('cvae');
    expect(() => checkLabels(model, randomImages(8, [8, 8, 1], 0, 3))).toThrow("cvae: the model has 4 classes but dataset 'random-8' has 3;");
    const vae = create('vae');
    expect(() => checkLabels(vae, unlabelled)).not.toThrow();
    model.dispose();
    vae.dispose();
  });
});
