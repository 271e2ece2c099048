import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureClassifier } from './classifier-cache.ts';
import type { LoadedClassifier } from './classifier-cache.ts';
import { generatorQuality, sampleQuality } from './sample-quality.ts';
import type { ImageGenerator } from './sample-quality.ts';
import { PlainVAE } from '@vaelab/testing';

const split = loadDataset('mnist');
let loaded: LoadedClassifier;

beforeAll(async () => {
  await selectBackend('wasm');
  // A small classifier is enough to test the metrics' direction, not the classifier.
  loaded = await featureClassifier(split, { dir: mkdtempSync(join(tmpdir(), 'vaelab-quality-')), recipe: { hidden: [64, 32], steps: 150 } });
});

afterAll(() => loaded.classifier.dispose());

/** A stub generator: real training images, or constant gray. */
function stub(kind: 'real' | 'gray'): ImageGenerator {
  const width = 784;
  return {
    conditional: false,
    sample(n, seed) {
      if (kind === 'gray') return new Float32Array(n * width).fill(0.5);
      return split.train.images(Int32Array.from({ length: n }, (_, i) => (seed * 31 + i * 7) % split.train.size));
    },
    reconstruct: (pixels) => Float32Array.from(pixels),
  };
}

describe('sample quality', () => {
  it('real train images are far closer to the test images than constant gray is', () => {
    const options = { classifier: loaded.classifier, samples: 600 };
    const real = generatorQuality(stub('real'), split.test, options);
    const gray = generatorQuality(stub('gray'), split.test, options);
    expect(real.frechet_distance).toBeLessThan(gray.frechet_distance / 10);
    expect(real.frechet_distance_recon).toBeCloseTo(0, 6); // identical reconstructions
    expect(real.precision).toBeGreaterThan(0.5);
    expect(real.recall).toBeGreaterThan(0.5);
    expect(gray.recall).toBeLessThan(0.05);
    for (const r of [real, gray]) {
      for (const key of ['precision', 'recall']) {
        expect(r[key]).toBeGreaterThanOrEqual(0);
        expect(r[key]).toBeLessThanOrEqual(1);
      }
      expect(r).not.toHaveProperty('conditional_accuracy');
    }
  });

  it('scores a VAE: every number finite, precision and recall in [0, 1]', () => {
    const model = new PlainVAE({ latentDim: 3, architecture: { kind: 'mlp', hidden: [32] } });
    const q = sampleQuality(model, split.test, { classifier: loaded.classifier, samples: 300 });
    expect(Object.keys(q).sort()).toEqual(['frechet_distance', 'frechet_distance_recon', 'precision', 'recall']);
    for (const v of Object.values(q)) expect(Number.isFinite(v)).toBe(true);
    expect(q.precision).toBeGreaterThanOrEqual(0);
    expect(q.recall).toBeLessThanOrEqual(1);
    model.dispose();
  });
});
