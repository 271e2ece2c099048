import { availableBackends, selectBackend } from '@vaelab/core';
import type { BackendName, BaseVAE, ImageDataset } from '@vaelab/core';
import { VAE } from '@vaelab/vae';
import { loadDataset } from '@vaelab/datasets';
import { baselineSamplesPerSecond } from './baseline.ts';
import { torchPeer } from './pytorch.ts';
import type { BenchRow } from './row.ts';

/** Samples/s of `model.fit` over `data` for `epochs` (or `steps`); disposes of the model. */
export async function fitThroughput(model: BaseVAE, data: ImageDataset, run: { epochs?: number; steps?: number }): Promise<number> {
  try {
    const result = await model.fit(data, { ...run, logEvery: 50 });
    return result.samplesPerSecond;
  } finally {
    model.dispose();
  }
}

/**
 * The pure-JavaScript backend runs the classic VAE at a few hundred samples/s: two epochs would
 * take minutes, so it gets a fixed step budget instead (same for both sides of the ratio).
 */
const CPU_STEPS = 20;

/**
 * The classic VAE (784-400-20, batch 128, Adam) for `epochs` epochs over the 8,000 embedded
 * MNIST training digits on every backend that loads (`cpu`: {@link CPU_STEPS} steps), next to
 * the same model written the ordinary way (tf.layers, stock gradients) on the same backend, and
 * (WebAssembly row) the same model in PyTorch on one thread.
 */
export async function benchClassicVae(epochs = 2): Promise<BenchRow[]> {
  const { train } = loadDataset('mnist');
  const rows: BenchRow[] = [];
  const backends: BackendName[] = await availableBackends();
  for (const backend of backends) {
    await selectBackend(backend);
    const run = backend === 'cpu' ? { steps: CPU_STEPS } : { epochs };
    const ours = await fitThroughput(new VAE({ seed: 0 }), train, run);
    const ordinary = await baselineSamplesPerSecond(train, run);
    const length = 'steps' in run ? `${run.steps} steps` : `${epochs} epochs`;
    rows.push({
      name: 'classic VAE 784-400-20, batch 128', backend, value: ours, unit: 'samples/s', baseline: ordinary,
      note: `${length}; baseline: tf.layers + stock gradients`,
      peer: backend === 'wasm' ? torchPeer({ kind: 'mlp', input: [28, 28, 1], hidden: [400], latent: 20, batch: 128, steps: 300 }) : undefined,
    });
  }
  await selectBackend(backends.includes('wasm') ? 'wasm' : backends[0]);
  return rows;
}
