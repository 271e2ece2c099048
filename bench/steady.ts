import { parseTrainingConfig } from '@vaelab/core';
import type { BaseVAE, ImageDataset } from '@vaelab/core';

/** Throughput of a fit, with and without its first (warm-up) steps. */
export interface FitTiming {
  steps: number;
  /** Over every step, as `fit` reports it. */
  samplesPerSecond: number;
  /** Over the steps after `warmup`: kernels compiled and buffers allocated. */
  steadySamplesPerSecond: number;
}

/**
 * Trains `model` for `steps` steps and disposes of it. The clock of the steady figure starts at
 * the read-back after `warmup` steps, since the first steps of a fresh model pay one-off costs.
 * `batchSize` is the training config's (its default when left out).
 */
export async function timeFit(model: BaseVAE, data: ImageDataset, steps: number, batchSize?: number, warmup = 10): Promise<FitTiming> {
  const { batchSize: size } = parseTrainingConfig(batchSize === undefined ? {} : { batchSize });
  const batch = Math.min(size, data.size);
  let mark: { step: number; at: number } | undefined;
  let last: { step: number; at: number } | undefined;
  try {
    const result = await model.fit(data, {
      steps,
      batchSize: size,
      logEvery: warmup,
      onStep: (info) => {
        const at = performance.now();
        if (!mark) mark = { step: info.step, at };
        else last = { step: info.step, at };
      },
    });
    if (result.status !== 'completed') throw new Error(`${model.variantName}: training ${result.status} after ${result.steps} steps`);
    const steady = mark && last ? ((last.step - mark.step) * batch) / ((last.at - mark.at) / 1000) : result.samplesPerSecond;
    return { steps: result.steps, samplesPerSecond: result.samplesPerSecond, steadySamplesPerSecond: steady };
  } finally {
    model.dispose();
  }
}
