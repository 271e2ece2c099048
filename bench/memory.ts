import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { VAE } from '@vaelab/vae';
import type { BenchRow } from './row.ts';

const MiB = 2 ** 20;
/** By then V8's heap and the WebAssembly memory have grown to their working size. */
const WARM = 1_000;
const PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));

/** Memory of the training process at one step. */
export interface MemorySnapshot {
  step: number;
  tensors: number;
  tensorMiB: number;
  rssMiB: number;
}

/**
 * Trains a small VAE (784-64-8, batch 32, on WebAssembly) for `steps` steps in this process
 * and takes tensor count, tensor bytes and RSS after 10 steps, after 1,000 and at the end.
 */
export async function trainingMemorySnapshots(steps: number): Promise<MemorySnapshot[]> {
  await selectBackend('wasm');
  const { train } = loadDataset('mnist');
  const model = new VAE({ architecture: { kind: 'mlp', hidden: [64] }, latentDim: 8, seed: 0 });
  const snapshots: MemorySnapshot[] = [];
  const snap = (step: number): void => {
    const memory = tf.memory();
    snapshots.push({ step, tensors: memory.numTensors, tensorMiB: memory.numBytes / MiB, rssMiB: process.memoryUsage().rss / MiB });
  };
  try {
    // Read-backs every 10 steps: the callback sees the state between two steps (variables and
    // Adam's moments alive, the step's own tensors gone).
    const result = await model.fit(train, { steps, batchSize: 32, logEvery: 10, onStep: (info) => {
      if (info.step + 1 === 10 || info.step + 1 === WARM || info.step + 1 === steps) snap(info.step + 1);
    } });
    if (result.status !== 'completed') throw new Error(`memory: training ${result.status} after ${result.steps} steps`);
  } finally {
    model.dispose();
  }
  return snapshots;
}

/** Runs {@link trainingMemorySnapshots} in a fresh process (tsx loaded, like sweep workers). */
function snapshotsInChild(steps: number): Promise<MemorySnapshot[]> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Promise((resolve, reject) => {
    const child = fork(PROBE, [String(steps)], { execArgv: ['--import', tsx], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let reply: { snapshots?: MemorySnapshot[]; error?: string } = {};
    child.on('message', (message: typeof reply) => (reply = message));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (reply.snapshots) resolve(reply.snapshots);
      else reject(new Error(reply.error ?? `memory probe exited with ${signal ?? `code ${code}`}`));
    });
  });
}

/**
 * Tensor count, tensor bytes and RSS of one training run of a small VAE after 10 steps, after
 * 1,000 (RSS warmed up) and after `steps`: a leak of one tensor per step would show as
 * thousands more. Later figures are printed against earlier ones, so 1.00x means no growth.
 */
export async function benchTrainingMemory(steps = 10_000): Promise<BenchRow[]> {
  const snapshots = await snapshotsInChild(steps);
  if (snapshots.length !== 3) throw new Error(`memory: expected 3 snapshots, got ${snapshots.length} (steps must exceed ${WARM})`);
  const [early, warm, late] = snapshots;
  const at = (s: MemorySnapshot): string => `after ${s.step.toLocaleString('en-US')} steps`;
  const note = (s: MemorySnapshot): string => `VAE 784-64-8, batch 32, own process; vs ${at(s)}`;
  return [
    { name: `tensors ${at(late)}`, backend: 'wasm', value: late.tensors, unit: 'tensors', baseline: early.tensors, note: note(early) },
    { name: `tensor memory ${at(late)}`, backend: 'wasm', value: late.tensorMiB, unit: 'MiB', baseline: early.tensorMiB, note: note(early) },
    { name: `RSS ${at(late)}`, backend: 'wasm', value: late.rssMiB, unit: 'MiB', baseline: early.rssMiB, note: note(early) },
    { name: `RSS ${at(late)}`, backend: 'wasm', value: late.rssMiB, unit: 'MiB', baseline: warm.rssMiB, note: note(warm) },
  ];
}
