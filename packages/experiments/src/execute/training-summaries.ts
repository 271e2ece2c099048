import type { FitResult } from '@vaelab/core';

/**
 * The summaries of the training itself: throughput, time, steps and the largest gradient norm.
 * `gradNormMax` is the largest norm the per-step callback saw; that callback never sees the step
 * that diverged, so for a diverged run the norm measured on that step (`lastTerms.gradNorm`)
 * counts too. A NaN norm there comes from a gradient that overflowed (inf - inf) and is recorded
 * as Infinity: a diverged run's maximum is never 0 because its last step went unseen.
 */
export function trainingSummaries(result: FitResult, gradNormMax: number): Record<string, number> {
  let maxNorm = gradNormMax;
  if (result.status === 'diverged') {
    const last = result.lastTerms?.gradNorm ?? Number.NaN;
    maxNorm = Math.max(gradNormMax, Number.isNaN(last) ? Number.POSITIVE_INFINITY : last);
  }
  return { samples_per_second: result.samplesPerSecond, train_seconds: result.seconds, grad_norm_max: maxNorm, steps: result.steps };
}
