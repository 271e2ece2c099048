import { selectBackend } from '@vaelab/core';
import { BetaVAE } from '@vaelab/beta-vae';
import { loadDataset } from '@vaelab/datasets';
import { torchPeer } from './pytorch.ts';
import type { BenchRow } from './row.ts';
import { timeFit } from './steady.ts';

/**
 * BetaVAE on 64x64 dSprites (the full 737,280-image grid, rendered on demand), batch 64, on
 * WebAssembly: the MLP 4096-1200-1200-10 of Higgins et al. and disentanglement_lib's conv pair
 * (4 conv layers 32-32-64-64, dense 256, mirrored). `steps` per architecture. Each beside the same
 * model in PyTorch on one thread.
 */
export async function benchBetaVae(steps = { mlp: 200, conv: 100 }): Promise<BenchRow[]> {
  await selectBackend('wasm');
  const { train } = loadDataset('dsprites', { size: 64 });
  const shared = { inputShape: [64, 64, 1] as [number, number, number], latentDim: 10, beta: 4, seed: 0 };
  const rows: BenchRow[] = [];
  const mlp = await timeFit(new BetaVAE({ ...shared, architecture: { kind: 'mlp', hidden: [1200, 1200] } }), train, steps.mlp, 64);
  rows.push({
    name: 'BetaVAE dSprites 64, MLP 4096-1200-1200-10', backend: 'wasm', value: mlp.steadySamplesPerSecond, unit: 'samples/s',
    note: `batch 64, ${mlp.steps} steps, after 10 warm-up; all steps ${Math.round(mlp.samplesPerSecond)}`,
    peer: torchPeer({ kind: 'mlp', input: [64, 64, 1], hidden: [1200, 1200], latent: 10, batch: 64, beta: 4, steps: 100 }),
  });
  const conv = await timeFit(new BetaVAE({ ...shared, architecture: { kind: 'conv' } }), train, steps.conv, 64);
  rows.push({
    name: 'BetaVAE dSprites 64, conv (disentanglement_lib)', backend: 'wasm', value: conv.steadySamplesPerSecond, unit: 'samples/s',
    note: `batch 64, ${conv.steps} steps, after 10 warm-up; all steps ${Math.round(conv.samplesPerSecond)}`,
    peer: torchPeer({ kind: 'conv', input: [64, 64, 1], latent: 10, batch: 64, beta: 4, steps: 60 }),
  });
  return rows;
}
