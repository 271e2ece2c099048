import { availableBackends, selectBackend } from '@vaelab/core';
import type { BackendName, BaseVAE, ImageDataset } from '@vaelab/core';
import { VAE } from '@vaelab/vae';
import { loadDataset } from '@vaelab/datasets';
import { baselineSamplesPerSecond } from './baseline.ts';

/** One measured figure. */
export interface BenchRow {
  name: string;
  backend: string;
  value: number;
  unit: string;
  /** What it is compared with, measured in the same run. */
  baseline?: number;
  note?: string;
}

/** Samples/s of `model.fit` over `data` for `epochs` (or `steps`). */
export async function fitThroughput(model: BaseVAE, data: ImageDataset, run: { epochs?: number; steps?: number }): Promise<number> {
  const result = await model.fit(data, { ...run, logEvery: 50 });
  model.dispose();
  return result.samplesPerSecond;
}

/**
 * The classic VAE (784-400-20, batch 128, Adam) for 2 epochs over the 8,000 embedded MNIST
 * training digits on every backend that loads, next to the same model written the ordinary
 * way (tf.layers, stock gradients) on the same backend.
 */
export async function benchClassicVae(epochs = 2): Promise<BenchRow[]> {
  const { train } = loadDataset('mnist');
  const rows: BenchRow[] = [];
  const backends: BackendName[] = await availableBackends();
  for (const backend of backends) {
    await selectBackend(backend);
    const ours = await fitThroughput(new VAE({ seed: 0 }), train, { epochs });
    const ordinary = await baselineSamplesPerSecond(train, epochs);
    rows.push({ name: 'classic VAE 784-400-20, batch 128', backend, value: ours, unit: 'samples/s', baseline: ordinary, note: 'baseline: tf.layers + stock gradients' });
  }
  await selectBackend(backends.includes('wasm') ? 'wasm' : backends[0]);
  return rows;
}
