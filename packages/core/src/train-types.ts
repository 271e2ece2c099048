import type { Binarization, ImageDataset } from './data.ts';

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

/** Options of `fit`. Give `epochs` or `steps`. */
export interface FitOptions {
  /** Passes over the training set. @default 10 when `steps` is not given */
  epochs?: number;
  /** Number of optimisation steps (random batches, for datasets too large to pass over). */
  steps?: number;
  /** Held-out data evaluated every `evalEvery` steps and at the end (`evaluateModel`: at most `evalExamples` of it, drawn at random). */
  test?: ImageDataset;
  /** @default at the end only */
  evalEvery?: number;
  /** Cap on held-out examples per evaluation: a larger split is evaluated on a seeded random sample of this size. @default 10000 */
  evalExamples?: number;
  /** @default 'dynamic' for a Bernoulli likelihood, else 'none' */
  binarization?: Binarization;
  /** Read the losses back (and check them for NaN/Inf) every N steps: a read forces a sync. @default 10 */
  logEvery?: number;
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
