import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@vaelab/core';
import type { Encoding, ObjectiveInput, Rng } from '@vaelab/core';
import { gaussianKlStandard } from '@vaelab/losses';
import { beforeAll, describe, expect, it } from 'vitest';
import { klPerDimension } from '../posterior-collapse.ts';
import { collapseMetrics } from './collapse.ts';
import { PlainVAE, randomImages, silenceDims } from '@vaelab/testing';

/**
 * A two-layer probe: layer 1 is the PlainVAE's posterior, layer 2 has q(z2 | z1) = N(2 z1, 1),
 * so its mean varies over x only through the sample z1 (Burda et al.'s measurement sees it,
 * propagating the mean of z1 would not when z1's mean ignores x).
 */
class TwoLayerProbe extends PlainVAE {
  override get latentSize(): number {
    return 2 * this.config.latentDim;
  }
  protected override forward(x: tf.Tensor2D, step: number, condition?: tf.Tensor2D, rng: Rng = this.noise): ObjectiveInput {
    const first = super.forward(x, step, condition, rng);
    const mu = tf.mul(first.z, 2) as tf.Tensor2D;
    const logvar = tf.zerosLike(mu);
    const top = { mu, logvar, z: tf.add(mu, this.epsilon(x.shape[0], this.config.latentDim, rng)) as tf.Tensor2D };
    return { ...first, layers: [{ mu: first.mu, logvar: first.logvar, z: first.z, priorMu: tf.zerosLike(mu), priorLogvar: logvar }, top] };
  }
  /** Means propagated bottom-up, as `HierarchicalVAE.encode`: layer 2 would look like layer 1. */
  override encode(x: tf.Tensor2D): Encoding {
    const first = super.encode(x);
    const top = { mu: tf.mul(first.mu, 2) as tf.Tensor2D, logvar: tf.zerosLike(first.mu) };
    return { ...top, layers: [first, top] };
  }
  protected override klMatrix(input: ObjectiveInput): tf.Tensor2D {
    return tf.concat(input.layers!.map((l) => gaussianKlStandard(l.mu, l.logvar)), 1) as tf.Tensor2D;
  }
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('collapseMetrics', () => {
  const data = randomImages(600);

  it('counts exactly the live dims as active; the silenced ones have KL ~0', () => {
    const model = new PlainVAE({ inputShape: [8, 8, 1], latentDim: 6, architecture: { kind: 'mlp', hidden: [32] }, seed: 3 });
    silenceDims(model, [1, 3, 4]);
    const m = collapseMetrics(model, data, { examples: 500 });
    expect(m.active_units).toBe(3);
    for (const j of [1, 3, 4]) expect(m[`kl/dim${j}`]).toBeLessThan(1e-6);
    for (const j of [0, 2, 5]) expect(m[`kl/dim${j}`]).toBeGreaterThan(0.01);
    expect(m.kl).toBeCloseTo([0, 1, 2, 3, 4, 5].reduce((s, j) => s + m[`kl/dim${j}`], 0), 10);
    expect(m.mutual_information).toBeGreaterThan(0.5);
    expect(Object.keys(m).some((k) => k.includes('layer'))).toBe(false);
    model.dispose();
  });

  it('KL per dim is the closed form on the posterior of a single-layer model', () => {
    const model = new PlainVAE({ inputShape: [8, 8, 1], latentDim: 3, architecture: { kind: 'mlp', hidden: [16] }, seed: 1 });
    const m = collapseMetrics(model, data, { examples: 600, binarization: 'none' });
    const { mu, logvar } = model.encode(tf.tensor2d(data.images(Int32Array.from({ length: 600 }, (_, i) => i)), [600, 64]));
    const rows = (t: tf.Tensor2D): Float32Array[] => Array.from({ length: 600 }, (_, i) => (t.dataSync() as Float32Array).subarray(i * 3, i * 3 + 3));
    const expected = klPerDimension(rows(mu), rows(logvar));
    for (let j = 0; j < 3; j++) expect(m[`kl/dim${j}`]).toBeCloseTo(expected[j], 5);
    tf.dispose([mu, logvar]);
    model.dispose();
  });

  it('mutual information is ~0 for a posterior that ignores x', () => {
    const model = new PlainVAE({ inputShape: [8, 8, 1], latentDim: 4, architecture: { kind: 'mlp', hidden: [16] }, seed: 2 });
    silenceDims(model, [0, 1, 2, 3]);
    const m = collapseMetrics(model, data, { examples: 600 });
    expect(m.active_units).toBe(0);
    expect(m.kl).toBeLessThan(1e-6);
    expect(Math.abs(m.mutual_information)).toBeLessThan(0.05);
    model.dispose();
  });

  it('estimates q(z) from all measured examples, so a sharp posterior is not capped at log 50', () => {
    const model = new PlainVAE({ inputShape: [8, 8, 1], latentDim: 6, architecture: { kind: 'mlp', hidden: [32] }, seed: 4 });
    silenceDims(model, [], 30);
    const all = collapseMetrics(model, data, { examples: 600, binarization: 'none' });
    const batched = collapseMetrics(model, data, { examples: 600, binarization: 'none', miBatchSize: 50 });
    expect([all.mi_batch_size, batched.mi_batch_size]).toEqual([600, 50]);
    // Distinct, well-separated posteriors: I(x; z) approaches log B for B examples per estimate.
    expect(batched.mutual_information).toBeLessThan(Math.log(50) + 0.05);
    expect(all.mutual_information).toBeGreaterThan(Math.log(50) + 1);
    expect(all.mutual_information).toBeLessThan(Math.log(600) + 0.05);
    model.dispose();
  });

  it("measures a hierarchical model's upper layer at a sample of the layer below, as Burda et al.'s code", () => {
    const model = new TwoLayerProbe({ inputShape: [8, 8, 1], latentDim: 3, architecture: { kind: 'mlp', hidden: [16] }, seed: 5 });
    silenceDims(model, [1, 2]);
    const m = collapseMetrics(model, data, { examples: 500 });
    expect(m['active_units/layer1']).toBe(1);
    // Every z2 mean is 2 z1 with Var(z1) >= 1 per dim; at the means of z1 only one would vary.
    expect(m['active_units/layer2']).toBe(3);
    expect(m.active_units).toBe(4);
    expect(m['kl/layer1'] + m['kl/layer2']).toBeCloseTo(m.kl, 10);
    model.dispose();
  });

  it('rejects a dataset of another image size', () => {
    const model = new PlainVAE({ inputShape: [4, 4, 1], latentDim: 2, architecture: { kind: 'mlp', hidden: [8] } });
    expect(() => collapseMetrics(model, data)).toThrow(/takes 4x4x1 images, dataset 'random-600' has 8x8x1/);
    model.dispose();
  });
});
