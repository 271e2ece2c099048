import { describe, expect, it } from 'vitest';
import { ConfigError, baseVaeConfigSchema } from './config.ts';
import { TRAINING_FIELDS, binarizationFor, minibatchIssues, parseTrainingConfig, totalSteps, trainingConfigSchema } from './training-config.ts';
import { refusal } from '@vaelab/testing';

/** The message a partial training config is refused with, or 'ok'. */
const refused = (input: Record<string, unknown>): string => refusal(() => parseTrainingConfig(input), ConfigError);

describe('parseTrainingConfig', () => {
  it("fills the classic MNIST VAE's training (Adam 1e-3, batch 128, no clipping, 10 epochs) and leaves binarization to the likelihood", () => {
    expect(parseTrainingConfig({})).toEqual({ learningRate: 0.001, batchSize: 128, gradientClipNorm: null, epochs: 10, logEvery: 10, evalExamples: 10_000 });
    expect(parseTrainingConfig(undefined)).toEqual(parseTrainingConfig({}));
  });

  it('takes steps or epochs: steps alone drop the default epochs, both are refused by name', () => {
    const bySteps = parseTrainingConfig({ steps: 500 });
    expect(bySteps.steps).toBe(500);
    expect(bySteps).not.toHaveProperty('epochs');
    expect(parseTrainingConfig({ epochs: 3 })).toMatchObject({ epochs: 3 });
    expect(parseTrainingConfig({ epochs: 3 })).not.toHaveProperty('steps');
    expect(refused({ steps: 5, epochs: 1 })).toBe('training config: epochs: give steps or epochs, not both (steps 5, epochs 1)');
  });

  it('words every problem as the model config does: "training config: field: message"', () => {
    expect(refused({ learningRate: Number.POSITIVE_INFINITY })).toBe('training config: learningRate: must be a finite number, got Infinity');
    expect(refused({ learningRate: 3 })).toMatch(/^training config: learningRate: must be <= 1 \(.*diverges.*\), got 3$/);
    expect(refused({ batchSize: 0 })).toBe('training config: batchSize: must be >= 1, got 0');
    expect(refused({ steps: 1e300 })).toMatch(/^training config: steps: must be <= 1e9 \(more steps than a run can finish.*\), got 1e\+300$/);
    expect(refused({ gradientClipNorm: -1 })).toBe('training config: gradientClipNorm: must be > 0, got -1');
    expect(refused({ binarization: 'otsu' })).toBe('training config: binarization: must be one of dynamic, static, none, got "otsu"');
    expect(refused({ evalExamples: 1e8 })).toMatch(/^training config: evalExamples: must be <= 1e7 \(/);
    expect(refused({ learningrate: 0.1 })).toBe('training config: learningrate: unknown field; did you mean learningRate?');
    expect(refused({ latentDim: 3 })).toBe('training config: latentDim: unknown field');
    expect(refused({ batchSize: 0, logEvery: 0 }).split('\n')).toEqual([
      'training config: batchSize: must be >= 1, got 0',
      'training config: logEvery: must be >= 1, got 0',
    ]);
    expect(() => parseTrainingConfig({ batchSize: -1 }, { label: 'vae.fit' })).toThrow(/^vae\.fit: batchSize: must be >= 1, got -1$/);
  });

  it('shares no field with the model config: every parameter has one home', () => {
    const model = new Set(Object.keys(baseVaeConfigSchema.shape));
    expect(TRAINING_FIELDS.filter((field) => model.has(field))).toEqual([]);
    expect([...TRAINING_FIELDS].sort()).toEqual(Object.keys(trainingConfigSchema.shape).sort());
  });

  it('gives every field a help text', () => {
    for (const [field, schema] of Object.entries(trainingConfigSchema.shape)) expect(schema.description, field).toBeTruthy();
  });
});

describe('binarizationFor', () => {
  it('binarizes dynamically for a Bernoulli likelihood and not at all for a Gaussian one, unless told', () => {
    expect(binarizationFor('bernoulli')).toBe('dynamic');
    expect(binarizationFor('gaussian')).toBe('none');
    expect(binarizationFor('gaussian-learned')).toBe('none');
    expect(binarizationFor('bernoulli', 'static')).toBe('static');
    expect(parseTrainingConfig({}, { likelihood: 'gaussian' }).binarization).toBe('none');
    expect(parseTrainingConfig({ binarization: 'static' }, { likelihood: 'gaussian' }).binarization).toBe('static');
  });
});

describe('totalSteps and the minibatch bound', () => {
  it('counts floor(size / batch) steps per epoch, the batch capped by the set', () => {
    // 1,000 examples at batch 128: 7 full batches per epoch; 10 epochs are 70 steps.
    expect(totalSteps(parseTrainingConfig({}), 1000)).toEqual({ totalSteps: 70, stepsPerEpoch: 7, batch: 128 });
    expect(totalSteps(parseTrainingConfig({ steps: 33 }), 1000).totalSteps).toBe(33);
    expect(totalSteps(parseTrainingConfig({ epochs: 2 }), 50)).toEqual({ totalSteps: 2, stepsPerEpoch: 1, batch: 50 });
    // 2^31 examples at batch 8 are 2^28 steps per epoch: 10^6 epochs are far past 1e9 steps.
    expect(() => totalSteps(parseTrainingConfig({ epochs: 1e6, batchSize: 8 }), 2 ** 31)).toThrow(/^training config: epochs: 1000000 epochs of 268435456 steps are 268435456000000 steps; must be <= 1e9/);
  });

  it('refuses a minibatch over 2^28 values, naming batchSize and the sizes', () => {
    // 512 * 1024 * 1024 = 2^29 values; 256 of them are exactly 2^28, allowed.
    expect(minibatchIssues(512, [1024, 1024, 1])).toEqual([{ path: 'batchSize', message: expect.stringMatching(/^512 images of 1024x1024x1 are 5\.37e\+8 values: .*1 GiB/) }]);
    expect(minibatchIssues(256, [1024, 1024, 1])).toEqual([]);
  });
});
