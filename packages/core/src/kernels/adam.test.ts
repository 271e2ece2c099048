import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { WasmAdam, clipScale } from './adam.ts';
import { backendKernels } from './loader.ts';
import type { BackendKernels } from './loader.ts';
import { createRng } from '../rng.ts';
import { relativeError } from '@vaelab/testing';

const rng = createRng(17);
const SHAPES = [[33, 17], [17], [4, 4, 3, 5], [1]];
let kernels: BackendKernels;
let counter = 0;

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  kernels = backendKernels()!;
  expect(kernels).toBeDefined();
});

function makeVariables(initial: Float32Array[]): tf.Variable[] {
  return initial.map((values, i) => tf.variable(tf.tensor(values, SHAPES[i]), true, `adam-test-${counter++}`));
}

/** Gradients per step, some large enough for clipping at norm 1 to bite, one step all tiny. */
function gradientSteps(steps: number): Float32Array[][] {
  return Array.from({ length: steps }, (_, s) => SHAPES.map((shape) => {
    const values = rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)));
    return values.map((v) => v * (s === 2 ? 1e-4 : 0.5));
  }));
}

/** fitModel's stock update: global norm, optional clipping by tensor ops, tf.train.adam. */
function stockRun(initial: Float32Array[], steps: Float32Array[][], clipNorm: number | null): { params: Float32Array[]; norms: number[] } {
  const variables = makeVariables(initial);
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const norms: number[] = [];
  for (const step of steps) {
    tf.tidy(() => {
      const grads: tf.NamedTensorMap = {};
      step.forEach((g, i) => { grads[variables[i].name] = tf.tensor(g, SHAPES[i]); });
      const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
      norms.push(norm.dataSync()[0]);
      if (clipNorm !== null) {
        const scale = tf.minimum(1, tf.div(clipNorm, tf.add(norm, 1e-12)));
        for (const key of Object.keys(grads)) grads[key] = tf.mul(grads[key], scale);
      }
      optimizer.applyGradients(grads as Parameters<typeof optimizer.applyGradients>[0]);
    });
  }
  const params = variables.map((v) => v.dataSync() as Float32Array);
  optimizer.dispose();
  tf.dispose(variables);
  return { params, norms };
}

function fusedRun(initial: Float32Array[], steps: Float32Array[][], clipNorm: number | null): { params: Float32Array[]; norms: number[] } {
  const variables = makeVariables(initial);
  const adam = new WasmAdam(kernels, 1e-3, 0.9, 0.999, 1e-8);
  const norms: number[] = [];
  for (const step of steps) {
    tf.tidy(() => {
      const grads: tf.NamedTensorMap = {};
      step.forEach((g, i) => { grads[variables[i].name] = tf.tensor(g, SHAPES[i]); });
      const norm = adam.globalNorm(grads);
      norms.push(norm);
      adam.applyGradients(grads, clipNorm === null ? null : clipScale(norm, clipNorm));
    });
  }
  const params = variables.map((v) => v.dataSync() as Float32Array);
  adam.dispose();
  tf.dispose(variables);
  return { params, norms };
}

describe('fused Adam on the wasm backend', () => {
  const initial = SHAPES.map((shape) => rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1))));
  const steps = gradientSteps(6);

  for (const clipNorm of [null, 1, 1e6]) {
    it(`matches tf.train.adam over six steps to 1e-6, clipping ${clipNorm ?? 'off'}`, () => {
      const stock = stockRun(initial, steps, clipNorm);
      const fused = fusedRun(initial, steps, clipNorm);
      for (let i = 0; i < SHAPES.length; i++) expect(relativeError(fused.params[i], stock.params[i]), `variable ${i}`).toBeLessThan(1e-6);
      for (let s = 0; s < steps.length; s++) expect(Math.abs(fused.norms[s] - stock.norms[s])).toBeLessThan(1e-6 * stock.norms[s]);
      // Closed form of Adam's first step: m_hat = g and v_hat = g^2, so p moves by
      // lr * g / (|g| + eps), g clipped first; to float32 rounding of p.
      const first = fusedRun(initial, steps.slice(0, 1), clipNorm);
      const scale = clipNorm === null ? 1 : Math.min(1, clipNorm / first.norms[0]);
      const g = steps[0][0];
      for (let j = 0; j < g.length; j++) {
        const gs = g[j] * scale;
        const tolerance = 2.5e-7 * Math.max(1, Math.abs(initial[0][j]));
        expect(Math.abs(initial[0][j] - first.params[0][j] - (1e-3 * gs) / (Math.abs(gs) + 1e-8))).toBeLessThan(tolerance);
      }
    });
  }

  it('clips as fitModel does: min(1, clipNorm / (norm + 1e-12))', () => {
    expect(clipScale(10, 1)).toBeCloseTo(0.1, 7);
    expect(clipScale(0.5, 1)).toBe(1);
    expect(clipScale(0, 1)).toBe(1);
    expect(Number.isNaN(clipScale(Number.NaN, 1))).toBe(true);
  });

  it('writes new tensors and keeps the tensor count flat over many steps', () => {
    const variables = makeVariables(initial);
    const adam = new WasmAdam(kernels, 1e-3);
    const grads = (): tf.NamedTensorMap => Object.fromEntries(variables.map((v) => [v.name, tf.onesLike(v)]));
    tf.tidy(() => adam.applyGradients(grads(), null));
    const before = tf.memory().numTensors;
    const dataIdBefore = variables[0].dataId;
    for (let s = 0; s < 200; s++) tf.tidy(() => adam.applyGradients(grads(), clipScale(adam.globalNorm(grads()), 1)));
    expect(tf.memory().numTensors).toBe(before);
    expect(variables[0].dataId).not.toBe(dataIdBefore);
    adam.dispose();
    tf.dispose(variables);
  });
});
