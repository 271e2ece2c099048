import type { ImageDataset } from './data.ts';
import type { TrainingConfig } from './training-config.ts';

/** Numbers read back from one training step. */
export interface StepTerms {
  loss: number;
  elbo: number;
  reconstruction: number;
  kl: number;
  /** Global norm of the gradient before clipping. */
  gradNorm: number;
  /** `kl/layer1`, ... for hierarchical models. */
  klPerLayer?: number[];
}

/** What a step callback receives. */
export interface StepInfo {
  step: number;
  epoch: number;
  totalSteps: number;
  /** Training throughput so far. */
  samplesPerSecond: number;
  terms: StepTerms;
  /** KL per latent dimension of this batch. */
  klPerDim: Float32Array;
}

/** Averages over an evaluation set. */
export interface EvalResult {
  examples: number;
  loss: number;
  elbo: number;
  reconstruction: number;
  kl: number;
  klPerDim: number[];
  klPerLayer?: number[];
}

/**
 * Options of `fit`: the training config's fields (see {@link TrainingConfig} for each one's
 * meaning and default; give `epochs` or `steps`, not both), the held-out set and the callbacks.
 */
export interface FitOptions extends Partial<TrainingConfig> {
  /** Held-out data evaluated every `evalEvery` steps and at the end (at most `evalExamples` of it, a seeded random sample). */
  test?: ImageDataset;
  /** Called every `logEvery` steps. */
  onStep?: (info: StepInfo) => void;
  /** Called after each held-out evaluation. */
  onEval?: (step: number, result: EvalResult) => void;
  /** Stops training at the next step; the result's status is then `interrupted`. */
  signal?: AbortSignal;
}

/** How training ended. */
export interface FitResult {
  status: 'completed' | 'diverged' | 'interrupted';
  /** Steps taken. */
  steps: number;
  /** Set when status is `diverged`: the step whose loss or gradient was not finite. */
  divergedAt?: { step: number; message: string };
  seconds: number;
  samplesPerSecond: number;
  backend: string;
  /** Last terms read back. */
  lastTerms?: StepTerms;
  /** Final held-out evaluation. */
  test?: EvalResult;
}
