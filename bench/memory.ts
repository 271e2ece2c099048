import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { VAE } from '@vaelab/vae';
import type { BenchRow } from './row.ts';

const MiB = 2 ** 20;
/** By then V8's heap and the WebAssembly memory have grown to their working size. */
const WARM = 1_000;

interface Snapshot {
  step: number;
  tensors: number;
  tensorMiB: number;
  rssMiB: number;
}

/**
 * Tensor count, tensor bytes and RSS of one training run of a small VAE (784-64-8, batch 32, on
 * WebAssembly) after 10 steps, after 1,000 (RSS warmed up) and after `steps`: a leak of one tensor per step would show as
 * thousands more. The later figure is printed against the earlier one, so 1.00x means no growth.
 */
export async function benchTrainingMemory(steps = 10_000): Promise<BenchRow[]> {
  await selectBackend('wasm');
  const { train } = loadDataset('mnist');
  const model = new VAE({ architecture: { kind: 'mlp', hidden: [64] }, latentDim: 8, batchSize: 32, seed: 0 });
  const snapshots: Snapshot[] = [];
  const snap = (step: number): void => {
    const memory = tf.memory();
    snapshots.push({ step, tensors: memory.numTensors, tensorMiB: memory.numBytes / MiB, rssMiB: process.memoryUsage().rss / MiB });
  };
  let result;
  try {
    // Read-backs every 10 steps: the callback sees the state between two steps (variables and
    // Adam's moments alive, the step's own tensors gone).
    result = await model.fit(train, { steps, logEvery: 10, onStep: (info) => {
      if (info.step + 1 === 10 || info.step + 1 === WARM || info.step + 1 === steps) snap(info.step + 1);
    } });
  } finally {
    model.dispose();
  }
  if (result.status !== 'completed' || snapshots.length !== 3) throw new Error(`memory: training ${result.status} after ${result.steps} steps`);
  const [early, warm, late] = snapshots;
  const at = (s: Snapshot): string => `after ${s.step.toLocaleString('en-US')} steps`;
  const note = `VAE 784-64-8, batch 32; vs ${at(early)}`;
  return [
    { name: `tensors ${at(late)}`, backend: 'wasm', value: late.tensors, unit: 'tensors', baseline: early.tensors, note },
    { name: `tensor memory ${at(late)}`, backend: 'wasm', value: late.tensorMiB, unit: 'MiB', baseline: early.tensorMiB, note },
    { name: `RSS ${at(late)}`, backend: 'wasm', value: late.rssMiB, unit: 'MiB', baseline: early.rssMiB, note },
    { name: `RSS ${at(late)}`, backend: 'wasm', value: late.rssMiB, unit: 'MiB', baseline: warm.rssMiB, note: `VAE 784-64-8, batch 32; vs ${at(warm)}` },
  ];
}
