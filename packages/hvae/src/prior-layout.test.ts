import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, decodeCheckpoint, describeCheckpointDecoder, evaluateGenerator, selectBackend } from '@vaelab/core';
import { HierarchicalVAE } from './hvae.ts';
import type { HvaeInit } from './config.ts';

// The generative path as plain data: core's evaluator, walking the described prior networks
// from z_L through their means and then the decoder, against the model's own top-down decode
// in TensorFlow.js (`decode`, which starts at the top layer and takes each prior's mean).

const ROWS = 6;

/** Non-zero biases everywhere (a fresh model's are 0), so that a misplaced bias shows. */
function perturbBiases(model: HierarchicalVAE): void {
  const rng = createRng(13);
  for (const [name, variable] of model.variables) {
    if (name.endsWith('/bias')) variable.assign(tf.tensor(rng.fillNormal(new Float32Array(variable.size)).map((v) => 0.3 * v), variable.shape));
  }
}

const cases: { name: string; config: HvaeInit }[] = [
  { name: '2 layers, MLP', config: { inputShape: [8, 6, 1], architecture: { kind: 'mlp', hidden: [20] }, layers: [6, 3], latentHidden: [16], activation: 'tanh' } },
  { name: '3 layers, MLP', config: { inputShape: [8, 6, 2], architecture: { kind: 'mlp', hidden: [20, 12] }, layers: [7, 5, 2], latentHidden: [16, 10], activation: 'elu', likelihood: 'gaussian' } },
  { name: '2 layers, conv', config: { inputShape: [32, 16, 1], architecture: { kind: 'conv' }, layers: [5, 3], latentHidden: [12], activation: 'relu' } },
  { name: '3 layers, conv', config: { inputShape: [16, 16, 1], architecture: { kind: 'conv' }, layers: [6, 4, 2], latentHidden: [8], activation: 'tanh' } },
];

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('the hierarchical generative path as a decoder description', () => {
  for (const { name, config } of cases) {
    it(`${name}: evaluating the saved description on z_L equals the model's top-down mean decode to 1e-4`, () => {
      const model = new HierarchicalVAE({ ...config, seed: 5 });
      perturbBiases(model);
      const description = describeCheckpointDecoder(decodeCheckpoint(model.toBytes()));
      const layers = config.layers!;
      const top = layers[layers.length - 1];
      expect(description.topDown?.latentSize).toBe(top);
      expect(description.topDown?.priors.map((p) => p.size)).toEqual(layers.slice(0, -1).reverse());

      const z = createRng(9).fillNormal(new Float32Array(ROWS * top));
      const expected = tf.tidy(() => model.decode(tf.tensor2d(z, [ROWS, top])).dataSync());
      const width = expected.length / ROWS;
      let worst = 0;
      for (let r = 0; r < ROWS; r++) {
        const got = evaluateGenerator(description, z.subarray(r * top, (r + 1) * top));
        expect(got.length).toBe(width);
        for (let i = 0; i < width; i++) worst = Math.max(worst, Math.abs(got[i] - expected[r * width + i]));
      }
      expect(worst).toBeLessThan(1e-4);
      model.dispose();
    });
  }

  it('a one-layer model has no generative path above its decoder (it is the plain VAE)', () => {
    const model = new HierarchicalVAE({ inputShape: [8, 6, 1], architecture: { kind: 'mlp', hidden: [10] }, layers: [4], seed: 1 });
    expect(describeCheckpointDecoder(decodeCheckpoint(model.toBytes())).topDown).toBeUndefined();
    model.dispose();
  });

  it('refuses an input that is not z_L, naming the width it reads', () => {
    const model = new HierarchicalVAE({ inputShape: [8, 6, 1], architecture: { kind: 'mlp', hidden: [10] }, layers: [4, 2], latentHidden: [6], seed: 1 });
    expect(() => evaluateGenerator(model.describeDecoder(), [0, 0, 0, 0])).toThrow('generative path reads 2 values, got 4');
    model.dispose();
  });
});
