import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, decodeCheckpoint, selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { FactorVAE } from './factor-vae.ts';
import { factorVaeDescriptor } from './descriptor.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

const sprites = loadDataset('dsprites', { size: 32 });
const small = {
  inputShape: [32, 32, 1] as [number, number, number], latentDim: 3, architecture: { kind: 'mlp' as const, hidden: [32] },
  seed: 4, discriminatorHidden: [64, 64],
};
/** How the small models are trained (the training config of `fit`). */
const training = { batchSize: 32 };
const batch = (): tf.Tensor2D => tf.tensor2d(sprites.train.images(Int32Array.from({ length: 32 }, (_, i) => i * 211)), [32, 1024]);
const snapshot = (variables: ReadonlyMap<string, tf.Variable>): Map<string, number[]> =>
  new Map([...variables].map(([name, v]) => [name, Array.from(v.dataSync())]));

describe('FactorVAE', () => {
  it('the TC term reaches the encoder only, and the VAE loss gives the discriminator no gradient', () => {
    const model = new FactorVAE({ ...small, gamma: 10 });
    const x = batch();
    const all = [...model.variables.values(), ...model.discriminatorVariables.values()];
    const { grads } = tf.variableGrads(() => model.totalCorrelation(model.posterior(x, { noise: createRng(1) }).layers[0].z), [...model.variables.values()]);
    const names = new Map([...model.variables].map(([name, v]) => [v.name, name]));
    const nonZero = Object.entries(grads).filter(([, g]) => tf.any(tf.notEqual(g, 0)).dataSync()[0]).map(([k]) => names.get(k)!);
    expect(nonZero.some((n) => n.startsWith('encoder/'))).toBe(true);
    expect(nonZero.some((n) => n.startsWith('decoder/'))).toBe(false);
    // The VAE's variables, which its optimizer updates, hold no discriminator weight.
    expect([...model.variables.keys()].some((n) => n.startsWith('discriminator/'))).toBe(false);
    expect(all.length).toBe(model.variables.size + model.discriminatorVariables.size);
    tf.dispose(Object.values(grads));
    model.dispose();
    x.dispose();
  });

  it('its auxiliary step trains the discriminator on its own loss and leaves every VAE weight as it was', () => {
    const model = new FactorVAE(small);
    const x = batch();
    const vae = snapshot(model.variables);
    const discriminator = snapshot(model.discriminatorVariables);
    model.auxiliaryStep({ x, step: 0 });
    for (const [name, v] of model.variables) expect(Array.from(v.dataSync())).toEqual(vae.get(name));
    const moved = [...model.discriminatorVariables].filter(([name, v]) => Array.from(v.dataSync()).some((value, i) => value !== discriminator.get(name)![i]));
    expect(moved.length).toBe(model.discriminatorVariables.size);
    model.dispose();
    x.dispose();
  });

  it('its discriminator learns the density ratio: TC clearly positive for dependent codes, near 0 for independent ones', () => {
    const rng = createRng(8);
    const estimate = (dependent: boolean): number => {
      const model = new FactorVAE({ ...small, latentDim: 2, discriminatorLearningRate: 1e-3 });
      const codes = (): tf.Tensor2D => {
        const a = rng.fillNormal(new Float32Array(256));
        const b = dependent ? a.map((v) => v + 0.1 * rng.normal()) : rng.fillNormal(new Float32Array(256));
        return tf.stack([tf.tensor1d(a), tf.tensor1d(b)], 1) as tf.Tensor2D;
      };
      for (let step = 0; step < 300; step++) tf.tidy(() => model.discriminatorStep(codes()));
      const value = tf.tidy(() => model.totalCorrelation(codes()).dataSync()[0]);
      model.dispose();
      return value;
    };
    // The true TC of (a, a + 0.1 e) is -0.5 log(1 - rho^2) = 2.3 nats; a classifier's estimate falls short of it.
    expect(estimate(true)).toBeGreaterThan(0.8);
    expect(Math.abs(estimate(false))).toBeLessThan(0.25);
  });

  it('trains through fit from its descriptor; the checkpoint holds the VAE alone and loads back', async () => {
    const model = factorVaeDescriptor.create({ ...small, gamma: 20 });
    const before = snapshot(model.discriminatorVariables);
    const losses: number[] = [];
    const result = await model.fit(sprites.train, { ...training, steps: 40, logEvery: 10, onStep: (s) => losses.push(s.terms.loss) });
    expect(result.status).toBe('completed');
    expect(losses.every(Number.isFinite)).toBe(true);
    const [name, variable] = [...model.discriminatorVariables][0];
    expect(Array.from(variable.dataSync())).not.toEqual(before.get(name)); // fit ran the auxiliary step
    const bytes = model.toBytes();
    expect([...decodeCheckpoint(bytes).tensors.keys()].some((n) => n.startsWith('discriminator/'))).toBe(false);
    const copy = factorVaeDescriptor.load(bytes);
    expect(copy.config).toEqual(model.config);
    expect(factorVaeDescriptor.flags.map((f) => f.name)).toEqual([
      'gamma', 'discriminator-hidden', 'discriminator-learning-rate', 'discriminator-beta1', 'discriminator-beta2',
    ]);
    model.dispose();
    copy.dispose();
  });
});
