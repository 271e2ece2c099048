import { selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { HierarchicalVAE } from '@vaelab/hvae';
import { torchPeer } from './pytorch.ts';
import type { BenchRow } from './row.ts';
import { timeFit } from './steady.ts';

/**
 * HierarchicalVAE with two stochastic layers (Burda et al.'s MNIST model: 784 -> 200-200 -> z1
 * 100 -> 100-100 -> z2 50, tanh, batch 128) on the embedded MNIST digits, on WebAssembly, beside the
 * same model in PyTorch on one thread.
 */
export async function benchHierarchicalVae(steps = 200): Promise<BenchRow[]> {
  await selectBackend('wasm');
  const { train } = loadDataset('mnist');
  const timing = await timeFit(new HierarchicalVAE({ layers: [100, 50], seed: 0 }), train, steps);
  return [{
    name: 'HierarchicalVAE MNIST, layers [100, 50]', backend: 'wasm', value: timing.steadySamplesPerSecond, unit: 'samples/s',
    note: `batch 128, ${timing.steps} steps, after 10 warm-up; all steps ${Math.round(timing.samplesPerSecond)}`,
    peer: torchPeer({ kind: 'hvae', input: [28, 28, 1], layers: [100, 50], batch: 128, steps: 300 }),
  }];
}
