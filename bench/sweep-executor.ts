import { selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import type { RunContext, RunOutcome, RunSpec } from '@vaelab/experiments';
import { VAE } from '@vaelab/vae';

/**
 * Stand-in executor for the sweep benchmark while the default one cannot run: real training of
 * a small VAE (the sweep's `steps`, `latentDim`, `architecture.hidden`, `batchSize`) on the embedded MNIST digits
 * with the series every `logEvery` steps, the held-out terms and the worker's peak RSS as
 * summaries. No metric groups and no artifacts, so it is a lighter run than the default's.
 */
export async function execute(spec: RunSpec, ctx: RunContext): Promise<RunOutcome> {
  ctx.setBackend(await selectBackend('wasm'));
  const { train, test } = loadDataset(spec.dataset);
  const p = spec.params;
  const steps = Number(p.steps ?? 200);
  const architecture = p.architecture as { hidden?: number[] } | undefined;
  const hidden = architecture?.hidden ?? [200];
  const model = new VAE({ architecture: { kind: 'mlp', hidden }, latentDim: Number(p.latentDim ?? 10), seed: spec.seed });
  let peakRss = process.memoryUsage().rss;
  try {
    const result = await model.fit(train, {
      steps, ...(p.batchSize === undefined ? {} : { batchSize: Number(p.batchSize) }), logEvery: Number(p.logEvery ?? 50), test, evalExamples: Number(p.evalExamples ?? 500), signal: ctx.signal,
      onStep: (info) => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        ctx.logSeries(info.step + 1, { loss: info.terms.loss, kl: info.terms.kl, grad_norm: info.terms.gradNorm });
        ctx.progress({ step: info.step + 1, totalSteps: info.totalSteps, loss: info.terms.loss });
      },
    });
    if (result.status === 'diverged') return { status: 'diverged', step: result.divergedAt!.step, message: result.divergedAt!.message };
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    ctx.setSummaries({
      samples_per_second: result.samplesPerSecond, steps: result.steps, peak_rss_mib: peakRss / 2 ** 20,
      ...(result.test ? { elbo: result.test.elbo, kl: result.test.kl } : {}),
    });
    return { status: 'completed' };
  } finally {
    model.dispose();
  }
}
