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
 */
export async function timeFit(model: BaseVAE, data: ImageDataset, steps: number, warmup = 10): Promise<FitTiming> {
  const batch = Math.min(model.config.batchSize, data.size);
  let mark: { step: number; at: number } | undefined;
  let last: { step: number; at: number } | undefined;
  try {
    const result = await model.fit(data, {
      steps,
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
