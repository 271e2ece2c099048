import { selectBackend } from '@vaelab/core';
import { BetaVAE } from '@vaelab/beta-vae';
import { loadDataset } from '@vaelab/datasets';
import { torchPeer } from './pytorch.ts';
import type { BenchRow } from './row.ts';
import { timeFit } from './steady.ts';

/**
 * The model of `pnpm sweep beta`'s quick profile: BetaVAE (beta 4, 10 latents) with the MLP
 * 1024-256-256-10 on 32x32 dSprites, batch 64, Adam 1e-3, on WebAssembly; beside it the same
 * model in PyTorch on one thread.
 */
export async function benchQuickBeta(steps = 600): Promise<BenchRow[]> {
  await selectBackend('wasm');
  const { train } = loadDataset('dsprites', { size: 32 });
  const model = new BetaVAE({ inputShape: [32, 32, 1], latentDim: 10, beta: 4, seed: 0, architecture: { kind: 'mlp', hidden: [256, 256] } });
  const timing = await timeFit(model, train, steps, 64);
  return [{
    name: 'BetaVAE dSprites 32, MLP 1024-256-256-10 (quick beta)', backend: 'wasm', value: timing.steadySamplesPerSecond, unit: 'samples/s',
    note: `batch 64, ${timing.steps} steps, after 10 warm-up`,
    peer: torchPeer({ kind: 'mlp', input: [32, 32, 1], hidden: [256, 256], latent: 10, batch: 64, beta: 4, steps: 500 }),
  }];
}
