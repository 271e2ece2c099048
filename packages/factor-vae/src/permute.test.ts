import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, selectBackend } from '@vaelab/core';
import { permuteDimensions } from './permute.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('permuteDimensions', () => {
  it('keeps every dimension\'s values (its marginal) and breaks the rows apart', () => {
    const rows = 64;
    const dims = 5;
    const values = createRng(1).fillNormal(new Float32Array(rows * dims));
    const z = tf.tensor2d(values, [rows, dims]);
    const out = permuteDimensions(z, createRng(2)).arraySync();
    const input = z.arraySync();
    for (let j = 0; j < dims; j++) {
      const column = (m: number[][]): number[] => m.map((r) => r[j]).sort((a, b) => a - b);
      expect(column(out)).toEqual(column(input));
    }
    // Each dimension has its own permutation, so almost no row survives whole.
    const intact = out.filter((row) => input.some((r) => r.every((v, j) => v === row[j]))).length;
    expect(intact).toBeLessThan(4);
  });

  it('turns perfectly dependent dimensions into independent ones', () => {
    const rows = 2000;
    const a = createRng(3).fillNormal(new Float32Array(rows));
    const z = tf.stack([tf.tensor1d(a), tf.tensor1d(a)], 1) as tf.Tensor2D;
    const out = permuteDimensions(z, createRng(4)).arraySync();
    const correlation = out.reduce((s, [x, y]) => s + x * y, 0) / rows;
    expect(Math.abs(correlation)).toBeLessThan(0.1); // it was 1 before
  });
});
