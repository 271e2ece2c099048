import * as tf from '@tensorflow/tfjs-core';
import { createRng, selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseIndices } from './batches.ts';
import { iwaeLogLikelihood } from './iwae.ts';
import { PlainVAE } from '@vaelab/testing';

const { train, test } = loadDataset('mnist', { binarization: 'static' });
let model: PlainVAE;

beforeAll(async () => {
  await selectBackend('wasm');
  model = new PlainVAE({ latentDim: 4, architecture: { kind: 'mlp', hidden: [64] }, seed: 5 });
  await model.fit(train, { steps: 150, binarization: 'none', logEvery: 50 });
});

describe('iwaeLogLikelihood', () => {
  it('with k = 1 equals the single-sample ELBO estimate from the same draws', () => {
    const n = 40;
    const ll = iwaeLogLikelihood(model, test, { k: 1, examples: n, seed: 9, binarization: 'none', chunk: 16 }).log_likelihood;
    // The same examples (seeded draw) and noise stream (seed + 2) as the metric.
    const x = tf.tensor2d(test.images(chooseIndices(test, n, 9)), [n, model.inputSize]);
    const elbo = tf.tidy(() => {
      const weights = model.logImportanceWeights(x, 1, { noise: createRng(9 + 2) });
      return { sampled: tf.mean(weights).dataSync()[0], closed: model.lossTerms(x, 0, undefined, createRng(9 + 2)).elbo.dataSync()[0] };
    });
    expect(ll).toBeCloseTo(elbo.sampled, 3);
    // The closed-form-KL ELBO of the same draws differs only by the KL's Monte Carlo noise.
    expect(Math.abs(ll - elbo.closed)).toBeLessThan(1.5);
    x.dispose();
  });

  it('does not decrease with k (averaged over examples) and stays a bound-like finite number', () => {
    const run = (k: number): number => iwaeLogLikelihood(model, test, { k, examples: 60, seed: 1, binarization: 'none', chunk: 500 }).log_likelihood;
    const l1 = run(1);
    const l10 = run(10);
    const l100 = run(100);
    expect(Number.isFinite(l100)).toBe(true);
    expect(l10).toBeGreaterThan(l1 - 0.2);
    expect(l100).toBeGreaterThan(l10 - 0.2);
    expect(l100).toBeGreaterThan(l1);
    expect(l100).toBeLessThan(0);
  });

  it('the chunk size changes the grouping of rows, not the estimate (one example over several passes)', () => {
    const a = iwaeLogLikelihood(model, test, { k: 50, examples: 3, seed: 2, binarization: 'none', chunk: 7 }).log_likelihood;
    const b = iwaeLogLikelihood(model, test, { k: 50, examples: 3, seed: 2, binarization: 'none', chunk: 1000 }).log_likelihood;
    expect(a).toBeCloseTo(b, 3);
  });

  it('reports the ELBO of the same examples, which the k = 100 bound exceeds', () => {
    const n = 200;
    const m = iwaeLogLikelihood(model, test, { k: 100, examples: n, seed: 4, binarization: 'none' });
    // evaluateModel with the same cap and seed reads the same examples; only its z draws differ.
    const held = model.evaluate(test, { maxExamples: n, seed: 4, binarization: 'none' });
    expect(Math.abs(m.log_likelihood_elbo - held.elbo)).toBeLessThan(0.5);
    expect(m.log_likelihood).toBeGreaterThan(m.log_likelihood_elbo);
  });
});

describe('held-out examples', () => {
  it('on dSprites are a seeded random sample: every shape, several scales, not the grid order', () => {
    const dsprites = loadDataset('dsprites', { size: 32 }).test;
    const ids = chooseIndices(dsprites, 500, 0);
    expect(Array.from(chooseIndices(dsprites, 500, 0))).toEqual(Array.from(ids));
    const rows = dsprites.factors!.factorsOf(ids);
    const k = dsprites.factors!.sizes.length;
    const shapes = new Set<number>();
    const scales = new Set<number>();
    for (let i = 0; i < ids.length; i++) {
      shapes.add(rows[i * k]);
      scales.add(rows[i * k + 1]);
    }
    expect(shapes.size).toBe(3);
    expect(scales.size).toBe(6);
  });
});
