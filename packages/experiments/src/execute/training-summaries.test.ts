import type { FitResult, StepTerms } from '@vaelab/core';
import { describe, expect, it } from 'vitest';
import { trainingSummaries } from './training-summaries.ts';

const terms = (gradNorm: number): StepTerms => ({ loss: Number.NaN, elbo: Number.NaN, reconstruction: 1, kl: 1, gradNorm });
const fit = (status: FitResult['status'], last?: number): FitResult => ({
  status, steps: 40, seconds: 2, samplesPerSecond: 1280, backend: 'wasm',
  ...(status === 'diverged' ? { divergedAt: { step: 39, message: 'loss is NaN at step 39' } } : {}),
  ...(last === undefined ? {} : { lastTerms: terms(last) }),
});

describe('trainingSummaries', () => {
  it('takes the norm of the step that diverged, which the per-step callback never saw', () => {
    expect(trainingSummaries(fit('diverged', 5.0e4), 12).grad_norm_max).toBe(5.0e4);
    expect(trainingSummaries(fit('diverged', Number.POSITIVE_INFINITY), 12).grad_norm_max).toBe(Number.POSITIVE_INFINITY);
    // inf - inf in the gradient gives a NaN norm: it overflowed.
    expect(trainingSummaries(fit('diverged', Number.NaN), 0).grad_norm_max).toBe(Number.POSITIVE_INFINITY);
    // A diverged run with no measured norm at all reads as overflowed, never as 0.
    expect(trainingSummaries(fit('diverged'), 0).grad_norm_max).toBe(Number.POSITIVE_INFINITY);
    // A diverging step with a smaller norm than an earlier one keeps the earlier maximum.
    expect(trainingSummaries(fit('diverged', 3), 12).grad_norm_max).toBe(12);
  });

  it('keeps the largest norm seen for a run that did not diverge, with the throughput figures', () => {
    expect(trainingSummaries(fit('completed', 99), 12)).toEqual({ samples_per_second: 1280, train_seconds: 2, grad_norm_max: 12, steps: 40 });
  });
});
