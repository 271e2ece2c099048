import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.ts';
import { BaseVAE } from './model.ts';
import { baseVaeConfigSchema, normalizeConfig } from './config.ts';
import type { BaseVaeConfig } from './config.ts';
import type { AuxiliaryBatch } from './variant.ts';
import { barsDataset } from '@vaelab/testing';

/** Records what the training loop hands the auxiliary hook, and checks the VAE was updated first. */
class RecordingVAE extends BaseVAE {
  readonly variantName = 'recording';
  readonly seen: { step: number; rows: number; width: number; labels?: number[] }[] = [];
  constructor(config: Partial<BaseVaeConfig>) {
    super(normalizeConfig(baseVaeConfigSchema, config));
  }
  override auxiliaryStep({ x, step, labels }: AuxiliaryBatch): void {
    this.seen.push({ step, rows: x.shape[0], width: x.shape[1], labels: labels ? Array.from(labels) : undefined });
  }
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('the auxiliary-step hook', () => {
  it('fitModel calls it once per step, in order, with the step\'s batch', async () => {
    const model = new RecordingVAE({ inputShape: [8, 8, 1], latentDim: 2, architecture: { kind: 'mlp', hidden: [8] } });
    const result = await model.fit(barsDataset(64), { steps: 7, logEvery: 3, batchSize: 16 });
    expect(result.steps).toBe(7);
    expect(model.seen.map((s) => s.step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(model.seen.every((s) => s.rows === 16 && s.width === 64 && s.labels === undefined)).toBe(true);
    model.dispose();
  });

  it('the base does nothing: a step leaves every weight and the tensor count as they were', () => {
    const model = new RecordingVAE({ inputShape: [8, 8, 1], latentDim: 2, architecture: { kind: 'mlp', hidden: [8] } });
    const before = [...model.variables.values()].map((v) => Array.from(v.dataSync()));
    const x = tf.zeros([4, 64]) as tf.Tensor2D;
    const tensors = tf.memory().numTensors;
    BaseVAE.prototype.auxiliaryStep.call(model, { x, step: 0 });
    expect(tf.memory().numTensors).toBe(tensors);
    expect([...model.variables.values()].map((v) => Array.from(v.dataSync()))).toEqual(before);
    x.dispose();
    model.dispose();
  });
});
