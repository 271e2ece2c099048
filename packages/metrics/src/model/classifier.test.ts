import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as classifierModule from './classifier.ts';
import { findRepoRoot } from '@vaelab/core';
import { defaultClassifierDir, featureClassifier } from './classifier-cache.ts';
import { classifierTask } from './classifier-tasks.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

// A lighter recipe than the default (MLP 256-128, 1,000 steps at lr 2e-3 instead of 512-128,
// 1,500 at 1e-3) keeps this test short; it still clears 95 % on the 2,000 held-out digits.
const LIGHT = { hidden: [256, 128], steps: 1000, learningRate: 2e-3 };

describe('feature classifier', () => {
  it('trains to > 95% held-out accuracy on embedded MNIST, then loads from the cache without retraining', async () => {
    const split = loadDataset('mnist');
    const dir = mkdtempSync(join(tmpdir(), 'vaelab-classifier-'));
    const first = await featureClassifier(split, { dir, recipe: LIGHT });
    expect(first.cached).toBe(false);
    expect(first.accuracy.class).toBeGreaterThan(0.95);
    expect(first.key).toMatch(/^mnist-embedded-28x28x1-[0-9a-f]{12}$/);
    expect(readdirSync(dir)).toEqual([`${first.key}.vaelab`]);

    const train = vi.spyOn(classifierModule, 'trainClassifier');
    const started = performance.now();
    const second = await featureClassifier(split, { dir, recipe: LIGHT });
    expect(train).not.toHaveBeenCalled();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(second.cached).toBe(true);
    expect(second.accuracy).toEqual(first.accuracy);
    const x = split.test.images([0, 1, 2]);
    expect(second.classifier.featuresOf(x, 3)).toEqual(first.classifier.featuresOf(x, 3));
    expect(second.classifier.featureSize).toBe(128);

    // Another recipe is another key: nothing stale is read.
    const other = await featureClassifier(split, { dir, recipe: { ...LIGHT, steps: 5 } });
    expect(other.cached).toBe(false);
    expect(train).toHaveBeenCalledTimes(1); // the spy does see training
    expect(other.key).not.toBe(first.key);
    for (const c of [first, second, other]) c.classifier.dispose();
  });

  it('dSprites gets shape and position heads; shape is the dataset label', () => {
    const split = loadDataset('dsprites', { size: 32 });
    const task = classifierTask(split);
    expect(task.heads).toEqual([{ name: 'shape', classes: 3 }, { name: 'posX', classes: 8 }, { name: 'posY', classes: 8 }]);
    const at = [0, 300_000, 737_279];
    const [shape, posX, posY] = task.targets(split.train, at);
    expect(Array.from(shape)).toEqual(Array.from(split.train.labels!(at)));
    expect([posX[2], posY[2], posY[0]]).toEqual([7, 7, 0]);
    // Train and test are one grid: a fixed tenth is held out of training.
    const held = new Set(task.heldOut.indices);
    expect(task.trainIndices.some((i) => held.has(i))).toBe(false);
    expect(task.trainIndices.length / split.train.size).toBeCloseTo(0.9, 2);
  });

  it('the cache lives under the repository root by default', () => {
    expect(defaultClassifierDir()).toBe(join(findRepoRoot(), '.vaelab', 'classifiers'));
  });
});
