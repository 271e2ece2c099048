import * as tf from '@tensorflow/tfjs-core';
import { imageGridPng } from '@vaelab/core';
import type { BaseVAE, ImageDataset } from '@vaelab/core';

/** A named artifact ready for the store. */
export interface ArtifactBytes {
  name: string;
  kind: 'png' | 'json' | 'checkpoint';
  mime: string;
  bytes: Uint8Array;
}

const png = (name: string, bytes: Uint8Array): ArtifactBytes => ({ name, kind: 'png', mime: 'image/png', bytes });
const indices = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** Values of a latent traversal: -3 to 3 in `steps`, the classic beta-VAE figure. */
export function traversalValues(steps = 9): number[] {
  return Array.from({ length: steps }, (_, i) => -3 + (6 * i) / (steps - 1));
}

/**
 * Image grids of a trained model: reconstructions (originals above their reconstructions),
 * prior samples (one row per class for a conditional model), latent traversals (one row per
 * dimension of the code `decode` takes, swept -3..3 around a test image's posterior mean),
 * interpolations between test images, and for a 2-D latent the decoded manifold.
 */
export function imageArtifacts(model: BaseVAE, test: ImageDataset, seed: number): ArtifactBytes[] {
  const shape = test.shape;
  const width = model.inputSize;
  const labelsOf = (n: number): Int32Array | undefined => (model.condition && test.labels ? test.labels(indices(n)) : undefined);
  const condition = (labels: Int32Array | undefined) => (labels ? { label: labels } : undefined);
  const out: ArtifactBytes[] = [];
  tf.tidy(() => {
    const columns = 10;
    const x = tf.tensor2d(test.images(indices(columns * 2)), [columns * 2, width]);
    const labels = labelsOf(columns * 2);
    const recon = model.reconstruct(x, condition(labels));
    const rows: tf.Tensor2D[] = [];
    for (let r = 0; r < 2; r++) {
      rows.push(x.slice([r * columns, 0], [columns, width]), recon.slice([r * columns, 0], [columns, width]));
    }
    out.push(png('reconstructions.png', imageGridPng(tf.concat(rows).dataSync() as Float32Array, shape, { columns, scale: 2 })));

    const classes = model.condition ? Math.min(test.numClasses ?? model.condition.classes, 10) : 0;
    const samples = classes > 0
      ? model.sample(classes * columns, { seed, label: Int32Array.from({ length: classes * columns }, (_, i) => Math.floor(i / columns)) })
      : model.sample(64, { seed });
    out.push(png('samples.png', imageGridPng(samples.dataSync() as Float32Array, shape, { columns: classes > 0 ? columns : 8, scale: 2 })));

    const values = traversalValues();
    const first = tf.tensor2d(test.images([0]), [1, width]);
    const firstLabels = labelsOf(1);
    const base = model.encode(first, condition(firstLabels)).mu;
    const dims = base.shape[1];
    const codes = tf.buffer([dims * values.length, dims], 'float32');
    const mean = base.dataSync();
    for (let d = 0; d < dims; d++) {
      for (let v = 0; v < values.length; v++) {
        const row = d * values.length + v;
        for (let j = 0; j < dims; j++) codes.set(j === d ? values[v] : mean[j], row, j);
      }
    }
    const traversalLabels = firstLabels ? new Int32Array(dims * values.length).fill(firstLabels[0]) : undefined;
    const traversed = model.decode(codes.toTensor() as tf.Tensor2D, condition(traversalLabels));
    out.push(png('traversals.png', imageGridPng(traversed.dataSync() as Float32Array, shape, { columns: values.length, scale: 2 })));

    const pairs = 4;
    const steps = 10;
    const lines: tf.Tensor2D[] = [];
    for (let p = 0; p < pairs; p++) {
      const a = tf.tensor2d(test.images([2 * p]), [1, width]);
      const b = tf.tensor2d(test.images([2 * p + 1]), [1, width]);
      const lab = labelsOf(2 * p + 1);
      lines.push(model.interpolate(a, b, steps, lab ? { label: lab[2 * p] } : undefined));
    }
    out.push(png('interpolations.png', imageGridPng(tf.concat(lines).dataSync() as Float32Array, shape, { columns: steps, scale: 2 })));

    if (model.priorSize === 2 && !model.condition) {
      const side = 15;
      const grid = new Float32Array(side * side * 2);
      for (let i = 0; i < side; i++) {
        for (let j = 0; j < side; j++) {
          grid[(i * side + j) * 2] = -3 + (6 * j) / (side - 1);
          grid[(i * side + j) * 2 + 1] = 3 - (6 * i) / (side - 1);
        }
      }
      const manifold = model.decode(tf.tensor2d(grid, [side * side, 2]));
      out.push(png('manifold.png', imageGridPng(manifold.dataSync() as Float32Array, shape, { columns: side, padding: 0 })));
    }
  });
  return out;
}

/**
 * Test encodings for the latent-space scatter: the two dimensions with the highest KL (or
 * both of a 2-D latent), coloured by label (MNIST digit, dSprites shape).
 */
export function latentScatter(model: BaseVAE, test: ImageDataset, klPerDim: readonly number[], count = 1000): ArtifactBytes {
  const n = Math.min(count, test.size);
  const ids = indices(n);
  const labels = test.labels?.(ids);
  const means = tf.tidy(() => {
    const x = tf.tensor2d(test.images(ids), [n, model.inputSize]);
    const encoding = model.encode(x, model.condition && labels ? { label: labels } : undefined);
    return encoding.layers ? encoding.layers[0].mu.arraySync() : encoding.mu.arraySync();
  });
  const width = means[0]?.length ?? 0;
  const ranked = klPerDim.slice(0, width).map((kl, d) => [kl, d] as const).sort((a, b) => b[0] - a[0]);
  const dims = width >= 2 ? [ranked[0][1], ranked[1][1]] : [0, 0];
  const points = means.map((row, i) => [row[dims[0]], row[dims[1]], labels ? labels[i] : 0]);
  const json = { dims, points, colourBy: test.factors ? 'shape' : 'label' };
  return { name: 'latents.json', kind: 'json', mime: 'application/json', bytes: new TextEncoder().encode(JSON.stringify(json)) };
}
