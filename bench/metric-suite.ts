/**
 * Timing of the quick model-level suite (`measure` with profile `quick`: collapse, IWAE k = 100
 * on 500 examples, sample quality on 1,000 images with the cached feature classifier, and the
 * quick disentanglement suite) for a small VAE briefly trained on 32x32 dSprites. The WebAssembly
 * backend runs single-threaded in Node, so this is one core. The classifier is fetched (trained
 * once if absent) before the clock starts: sweeps always find it cached.
 */
import { selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { featureClassifier, measure } from '@vaelab/metrics';
import { VAE } from '@vaelab/vae';

/** Seconds for the whole quick suite, and per stage. */
export async function benchQuickSuite(): Promise<{ seconds: number; breakdown: Record<string, number> }> {
  await selectBackend('wasm');
  const split = loadDataset('dsprites', { size: 32 });
  const model = new VAE({ inputShape: [32, 32, 1], latentDim: 10, architecture: { kind: 'mlp', hidden: [256] }, seed: 0 });
  await model.fit(split.train, { steps: 300, logEvery: 100 });
  (await featureClassifier(split)).classifier.dispose();

  const breakdown: Record<string, number> = {};
  let current: string | undefined;
  let mark = performance.now();
  const lap = (next?: string): void => {
    const now = performance.now();
    if (current) breakdown[current] = (breakdown[current] ?? 0) + (now - mark) / 1000;
    current = next;
    mark = now;
  };
  const started = performance.now();
  await measure(model, split, { budget: 'quick', onStage: (stage) => lap(stage) });
  lap();
  const seconds = (performance.now() - started) / 1000;
  model.dispose();
  return { seconds, breakdown };
}
