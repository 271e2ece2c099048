import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint, selectBackend } from '@vaelab/core';
import { variantByName } from './registry.ts';

/**
 * Checkpoints written by vaelab before the training config had a home of its own, when the
 * model config still held learningRate, batchSize and gradientClipNorm. Both were written by
 * that code (commit 0c901ae) from
 *   { inputShape: [4, 4, 1], latentDim: 2, architecture: { kind: 'mlp', hidden: [3] },
 *     learningRate: 0.003, batchSize: 16, gradientClipNorm: 5, seed: 7 }
 * (the hvae with layers [2, 1] and latentHidden [3]); the configs and reconstructions below
 * are what that code printed for them.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures');
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, `${name}-before-training-config.vaelab`)));

const FORMER_TRAINING = { learningRate: 0.003, batchSize: 16, gradientClipNorm: 5 };
const SAVED_CONFIG = {
  vae: { inputShape: [4, 4, 1], latentDim: 2, architecture: { kind: 'mlp', hidden: [3] }, activation: 'relu', likelihood: 'bernoulli', observationLogVariance: 0, klSchedule: { kind: 'constant', weight: 1 }, freeBits: 0, logvarRange: [-10, 10], seed: 7 },
  hvae: { inputShape: [4, 4, 1], architecture: { kind: 'mlp', hidden: [3] }, activation: 'tanh', likelihood: 'bernoulli', observationLogVariance: 0, klSchedule: { kind: 'constant', weight: 1 }, freeBits: 0, logvarRange: [-10, 10], seed: 7, layers: [2, 1], latentHidden: [3], latentDim: 3 },
};
/** The old code's reconstruction of one input (every third pixel on) by the hvae checkpoint. */
const HVAE_RECONSTRUCTION = [0.503924, 0.541539, 0.501644, 0.448447, 0.545402, 0.534192, 0.428131, 0.518468, 0.514669, 0.48672, 0.495344, 0.490976, 0.51018, 0.502617, 0.480863, 0.428293];

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('checkpoints from before the training config', () => {
  it.each(['vae', 'hvae'] as const)('%s: the training fields are moved out of the model config and kept', (name) => {
    const decoded = decodeCheckpoint(read(name), `${name}.vaelab`);
    expect(decoded.formerTraining).toEqual(FORMER_TRAINING);
    expect(decoded.config).toEqual(SAVED_CONFIG[name]);
  });

  it.each(['vae', 'hvae'] as const)('%s: loads with its config and every weight as saved', (name) => {
    const bytes = read(name);
    const model = variantByName(name).load(bytes, `${name}.vaelab`);
    expect(JSON.parse(JSON.stringify(model.config))).toEqual(SAVED_CONFIG[name]);
    const { tensors } = decodeCheckpoint(bytes);
    expect([...model.variables.keys()].sort()).toEqual([...tensors.keys()].sort());
    for (const [key, variable] of model.variables) expect(Array.from(variable.dataSync())).toEqual(Array.from(tensors.get(key)!.values));
    model.dispose();
  });

  it('the loaded hierarchical model reconstructs as the old code did', () => {
    const model = variantByName('hvae').load(read('hvae'));
    const x = tf.tensor2d(Float32Array.from({ length: 16 }, (_, i) => (i % 3 === 0 ? 1 : 0)), [1, 16]);
    const reconstruction = Array.from(model.reconstruct(x).dataSync());
    reconstruction.forEach((value, i) => expect(value).toBeCloseTo(HVAE_RECONSTRUCTION[i], 5));
    x.dispose();
    model.dispose();
  });

  it('saving a loaded model writes a model config without training fields', () => {
    const model = variantByName('vae').load(read('vae'));
    const saved = decodeCheckpoint(model.toBytes());
    expect(saved.formerTraining).toEqual({});
    for (const field of Object.keys(FORMER_TRAINING)) expect(saved.config).not.toHaveProperty(field);
    model.dispose();
  });
});
