import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, decodeCheckpoint, decodeWeights, describeCheckpointDecoder, encodeWeights, evaluateDecoder, selectBackend } from '@vaelab/core';
import type { BaseVAE, DecoderDescription } from '@vaelab/core';
import { VARIANTS } from './registry.ts';

// Every registered variant's decoder, MLP and conv, run from its description by the plain-JS
// evaluator the report pages inline, against core's own forward pass (`decodeBottom`: the
// decoder from z1, with the condition for a conditional model).

const CLASSES = 3;
const ROWS = 5;
const architectures = [
  { kind: 'mlp', hidden: [24, 12] },
  { kind: 'conv' },
] as const;

function configFor(name: string, needsLabels: boolean, architecture: (typeof architectures)[number], likelihood: string): Record<string, unknown> {
  return {
    inputShape: architecture.kind === 'conv' ? [32, 16, 1] : [8, 6, 2],
    architecture,
    activation: likelihood === 'bernoulli' ? 'elu' : 'tanh',
    likelihood,
    seed: 4,
    ...(name === 'hvae' ? { layers: [5, 3] } : { latentDim: 5 }),
    ...(needsLabels ? { numClasses: CLASSES } : {}),
  };
}

/** Non-zero biases, so that the test sees where each bias goes (a fresh model's are all 0). */
function perturbBiases(model: BaseVAE): void {
  const rng = createRng(11);
  for (const [name, variable] of model.variables) {
    if (name.startsWith('decoder/') && name.endsWith('/bias')) {
      variable.assign(tf.tensor(rng.fillNormal(new Float32Array(variable.size)).map((v) => 0.3 * v), variable.shape));
    }
  }
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('the decoder description of every registered variant', () => {
  for (const entry of VARIANTS) {
    for (const architecture of architectures) {
      const likelihood = architecture.kind === 'mlp' ? 'bernoulli' : 'gaussian';
      it(`${entry.name}, ${architecture.kind} decoder: the plain-JS evaluator equals core's decodeBottom to 1e-4`, () => {
        const model = entry.create(configFor(entry.name, entry.needsLabels, architecture, likelihood)) as unknown as BaseVAE;
        perturbBiases(model);
        const live = model.describeDecoder();
        const saved = describeCheckpointDecoder(decodeCheckpoint(model.toBytes()));
        const latent = 5; // z1 of the hierarchical model's [5, 3]
        expect([saved.latentSize, saved.conditionSize, saved.output]).toEqual([latent, entry.needsLabels ? CLASSES : 0, likelihood === 'bernoulli' ? 'sigmoid' : 'identity']);
        expect(saved.layers.map((l) => l.op)).toEqual(live.layers.map((l) => l.op));

        const rng = createRng(7);
        const z = rng.fillNormal(new Float32Array(ROWS * latent));
        const labels = Array.from({ length: ROWS }, (_, i) => i % CLASSES);
        const expected = tf.tidy(() => model.decodeBottom(tf.tensor2d(z, [ROWS, latent]), entry.needsLabels ? { label: labels } : undefined).dataSync());
        const width = expected.length / ROWS;
        let worst = 0;
        for (let r = 0; r < ROWS; r++) {
          const input = [...z.subarray(r * latent, (r + 1) * latent)];
          if (entry.needsLabels) for (let c = 0; c < CLASSES; c++) input.push(c === labels[r] ? 1 : 0);
          worst = Math.max(worst, maxDifference(evaluateDecoder(saved, input), expected.subarray(r * width, (r + 1) * width)));
        }
        expect(worst).toBeLessThan(1e-4);
        model.dispose();
      });
    }
  }

  it('reads checkpoints written before they recorded their decoder inputs: single-latent ones from the first layer, hierarchical ones not at all', () => {
    const cvae = VARIANTS.find((v) => v.name === 'cvae')!.create(configFor('cvae', true, architectures[1], 'bernoulli')) as unknown as BaseVAE;
    const old = decodeCheckpoint(cvae.toBytes());
    delete old.decoder;
    const described = describeCheckpointDecoder(old);
    expect([described.latentSize, described.conditionSize]).toEqual([5, CLASSES]);
    expect(described.layers).toEqual(cvae.describeDecoder().layers);
    const hvae = VARIANTS.find((v) => v.name === 'hvae')!.create(configFor('hvae', false, architectures[0], 'bernoulli')) as unknown as BaseVAE;
    const oldHierarchical = decodeCheckpoint(hvae.toBytes());
    delete oldHierarchical.decoder;
    expect(() => describeCheckpointDecoder(oldHierarchical)).toThrow('checkpoint does not say what its decoder reads');
    cvae.dispose();
    hvae.dispose();
  });

  it('fails a test when the layout and the weights disagree: a weight of another shape is named', () => {
    const vae = VARIANTS.find((v) => v.name === 'vae')!.create(configFor('vae', false, architectures[0], 'bernoulli')) as unknown as BaseVAE;
    const checkpoint = decodeCheckpoint(vae.toBytes());
    const kernel = checkpoint.tensors.get('decoder/dense1/kernel')!;
    checkpoint.tensors.set('decoder/dense1/kernel', { shape: [kernel.shape[1], kernel.shape[0]], values: kernel.values });
    expect(() => describeCheckpointDecoder(checkpoint)).toThrow("decoder weight 'decoder/dense1/kernel' has shape 24x12, the layout needs 12x24");
    vae.dispose();
  });
});

describe('float16 weights', () => {
  it('round to within 2^-11 relative and decode a real decoder to within 1e-2 of its float32 pixels', () => {
    const values = Float32Array.from([0, 1, -2.5, 65504, 1e-3, -3.14159, 6e-5, 1e-9]);
    const back = decodeWeights(encodeWeights(values, 'float16'), 'float16');
    expect(Array.from(back.subarray(0, 4))).toEqual([0, 1, -2.5, 65504]);
    for (let i = 4; i < 7; i++) expect(Math.abs(back[i] - values[i])).toBeLessThanOrEqual(Math.abs(values[i]) * 2 ** -11 + 2 ** -25);
    expect(back[7]).toBe(0);
    expect(Array.from(decodeWeights(encodeWeights(values, 'float32'), 'float32'))).toEqual(Array.from(values));

    const vae = VARIANTS.find((v) => v.name === 'vae')!.create({ ...configFor('vae', false, architectures[1], 'bernoulli'), activation: 'relu' }) as unknown as BaseVAE;
    const exact = vae.describeDecoder();
    const half: DecoderDescription = {
      ...exact,
      layers: exact.layers.map((l) => l.op === 'dense' ? { ...l, kernel: decodeWeights(encodeWeights(l.kernel, 'float16'), 'float16') }
        : l.op === 'conv-transpose' ? { ...l, filter: decodeWeights(encodeWeights(l.filter, 'float16'), 'float16') } : l),
    };
    const z = createRng(3).fillNormal(new Float32Array(5));
    const difference = maxDifference(evaluateDecoder(half, z), evaluateDecoder(exact, z));
    expect(difference).toBeGreaterThan(0);
    expect(difference).toBeLessThan(1e-2);
    vae.dispose();
  });
});
