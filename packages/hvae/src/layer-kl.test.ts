import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVALUATION_STEP, binarize, createRng, selectBackend } from '@vaelab/core';
import type { Rng } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { HierarchicalVAE } from './hvae.ts';

/** The per-example ELBO and log importance weight of the same draws: protected hooks, opened for this white-box check. */
class PairedBounds extends HierarchicalVAE {
  elboAndLogWeight(x: tf.Tensor2D, rng: Rng): [tf.Tensor, tf.Tensor] {
    const input = this.forward(x, EVALUATION_STEP, undefined, rng);
    return [tf.sub(this.logLikelihood(input), tf.sum(this.klMatrix(input), 1)), this.logImportanceWeight(input)];
  }
}

beforeAll(async () => {
  await selectBackend('wasm');
});

/**
 * A two-layer model whose every network is linear, on one-pixel images, with weights set by
 * hand so that for every x:
 *   q(z1 | x) = N(m, s1^2),  q(z2 | z1) = N(a z1 + b, s2^2),  p(z2) = N(0, 1),  p(z1 | z2) = N(c z2 + d, u^2).
 */
const g = { m: 0.5, s1sq: 0.64, a: 1.5, b: 0.2, s2sq: 0.25, c: 0.9, d: -0.1, usq: 0.5 };

function linearGaussianModel(): HierarchicalVAE {
  const model = new HierarchicalVAE({ inputShape: [1, 1, 1], layers: [1, 1], latentHidden: [], architecture: { kind: 'mlp', hidden: [] }, seed: 1 });
  const set = (name: string, values: number[], shape: number[]) => model.variables.get(name)!.assign(tf.tensor(values, shape));
  set('encoder/dense0/kernel', [0, 0], [1, 2]);
  set('encoder/dense0/bias', [g.m, Math.log(g.s1sq)], [2]);
  set('inference1/dense0/kernel', [g.a, 0], [1, 2]);
  set('inference1/dense0/bias', [g.b, Math.log(g.s2sq)], [2]);
  set('prior1/dense0/kernel', [g.c, 0], [1, 2]);
  set('prior1/dense0/bias', [g.d, Math.log(g.usq)], [2]);
  return model;
}

/**
 * E_q[log q(z1|x) - log p(z1|z2)] by hand: z1 - c z2 - d = (1 - ca) z1 - cb - d - c s2 e2 has
 * mean M = (1 - ca) m - cb - d and variance (1 - ca)^2 s1^2 + c^2 s2^2, and E[log q(z1|x)] is
 * minus the entropy -0.5 log(2 pi e s1^2).
 */
const layer1Exact = (() => {
  const M = (1 - g.c * g.a) * g.m - g.c * g.b - g.d;
  const second = M ** 2 + (1 - g.c * g.a) ** 2 * g.s1sq + g.c ** 2 * g.s2sq;
  return 0.5 * Math.log(g.usq / g.s1sq) - 0.5 + second / (2 * g.usq);
})();
/** E_{z1}[KL(N(a z1 + b, s2^2) || N(0, 1))], with E[(a z1 + b)^2] = (a m + b)^2 + a^2 s1^2. */
const layer2Exact = 0.5 * (g.s2sq + (g.a * g.m + g.b) ** 2 + g.a ** 2 * g.s1sq - 1 - Math.log(g.s2sq));
/** The closed-form KL(q(z1|x) || p(z1|z2)) at the sampled z2, in expectation: too large by c a s1^2 / u^2. */
const layer1ClosedFormAtSample = layer1Exact + (g.c * g.a * g.s1sq) / g.usq;

describe('the KL terms of the hierarchical VAE', () => {
  it('equal the analytic bound terms of a two-layer linear-Gaussian model', () => {
    const model = linearGaussianModel();
    const n = 40_000;
    tf.tidy(() => {
      const terms = model.lossTerms(tf.zeros([n, 1]), 0, undefined, createRng(5));
      const [layer1, layer2] = terms.klPerLayer!.map((s) => s.dataSync()[0]);
      expect(layer1).toBeCloseTo(layer1Exact, 1);
      expect(layer2).toBeCloseTo(layer2Exact, 1);
      expect(Math.abs(layer1 - layer1Exact)).toBeLessThan(0.03);
      expect(Math.abs(layer2 - layer2Exact)).toBeLessThan(0.03);
      // The closed form at the sampled z2 is what the bound is not (1.7 nats off here).
      expect(layer1ClosedFormAtSample - layer1).toBeGreaterThan(1.5);
      expect(terms.kl.dataSync()[0]).toBeCloseTo(layer1 + layer2, 4);
      expect(Array.from(terms.klPerDim.dataSync())).toEqual([layer1, layer2].map((v) => expect.closeTo(v, 4)));
      expect(terms.elbo.dataSync()[0]).toBeCloseTo(-(terms.reconstruction.dataSync()[0] + layer1 + layer2), 3);
    });
    model.dispose();
  });

  it('make the ELBO agree with the IWAE bound at k = 1 on a trained MNIST model', async () => {
    const mnist = loadDataset('mnist');
    const model = new PairedBounds({ architecture: { kind: 'mlp', hidden: [64] }, activation: 'relu', layers: [8, 4], latentHidden: [24], seed: 4 });
    await model.fit(mnist.train, { steps: 300, batchSize: 32, learningRate: 3e-3 });
    const examples = 400;
    const repeats = 20;
    const indices = Int32Array.from({ length: examples * repeats }, (_, i) => i % examples);
    const x = tf.tensor2d(binarize(mnist.test.images(indices), 'static'), [examples * repeats, 784]);
    const [elbo, logWeight] = tf.tidy(() => {
      return model.elboAndLogWeight(x, createRng(12));
    });
    const [elboRows, logWeights] = [elbo, logWeight].map((t) => Float64Array.from(t.dataSync()));
    tf.dispose([elbo, logWeight]);
    // Paired over the same samples: the difference is the top layer's closed-form KL minus its sampled value, mean zero.
    const meanAndError = (d: Float64Array) => {
      const mean = d.reduce((s, v) => s + v, 0) / d.length;
      const variance = d.reduce((s, v) => s + (v - mean) ** 2, 0) / (d.length - 1);
      return { mean, error: Math.sqrt(variance / d.length) };
    };
    const agreement = meanAndError(elboRows.map((v: number, i: number) => v - logWeights[i]));
    expect(Math.abs(agreement.mean)).toBeLessThan(4 * agreement.error);
    expect(agreement.error).toBeLessThan(0.05);
    x.dispose();
    model.dispose();
  });
});
