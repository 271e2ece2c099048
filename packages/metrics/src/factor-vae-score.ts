/**
 * FactorVAE disentanglement score (Kim & Mnih 2018, "Disentangling by Factorising",
 * https://arxiv.org/abs/1802.05983), following disentanglement_lib's
 * `evaluation/metrics/factor_vae.py` with its study config (`prune_dims.threshold = 0.05`).
 *
 * Global variances (ddof = 1) of each code dimension come from `numVarianceEstimate` points;
 * dimensions with std < threshold are pruned. One vote: pick a factor uniformly, draw a batch
 * with that factor fixed to one value, and the active dimension with the smallest
 * local variance / global variance (i.e. variance of the code normalised by its global std)
 * votes for that factor. The majority-vote classifier maps each dimension to the factor it
 * received most votes for (first factor on ties, `np.argmax`); accuracy = correctly classified
 * votes / all votes, on the training votes and on fresh evaluation votes.
 *
 * Differences from the reference that do not change the accuracies: votes are indexed by the
 * real code dimension (the reference indexes by position among active dims), and
 * `num_active_dims` reports the number of active dimensions (the reference reports the length
 * of its boolean mask, i.e. all dimensions).
 */
import { createRng } from '@vaelab/core';
import type { FactorSpace, ImageDataset, Rng } from '@vaelab/core';
import { IMAGES_PER_CALL, represent, representGroups, requireFactors } from './sampling.ts';
import type { RepresentationFn } from './sampling.ts';

export interface FactorVaeScoreOptions {
  /** Points per vote. @default 64 */
  readonly batchSize?: number;
  /** Training votes. @default 10000 */
  readonly numTrain?: number;
  /** Evaluation votes. @default 5000 */
  readonly numEval?: number;
  /** Points for the global variances. @default 10000 */
  readonly numVarianceEstimate?: number;
  /** Dimensions with global std below this are pruned. @default 0.05 */
  readonly pruneThreshold?: number;
  /** Seed of the factor sampler. @default 0 */
  readonly seed?: number;
}

export interface FactorVaeScoreResult {
  readonly factor_vae_train_accuracy: number;
  readonly factor_vae_eval_accuracy: number;
  readonly factor_vae_num_active_dims: number;
}

/** Votes are `[factor][codeDim]` counts. */
export function factorVaeScoreFromVotes(
  trainVotes: readonly ArrayLike<number>[], evalVotes: readonly ArrayLike<number>[],
): { train_accuracy: number; eval_accuracy: number; classifier: Int32Array } {
  const numFactors = trainVotes.length;
  const numDims = trainVotes[0].length;
  const classifier = new Int32Array(numDims);
  for (let d = 0; d < numDims; d++) {
    let best = 0;
    for (let f = 1; f < numFactors; f++) if (trainVotes[f][d] > trainVotes[best][d]) best = f;
    classifier[d] = best;
  }
  const acc = (votes: readonly ArrayLike<number>[]) => {
    let hit = 0;
    let total = 0;
    for (let f = 0; f < votes.length; f++) for (let d = 0; d < numDims; d++) {
      total += votes[f][d];
      if (classifier[d] === f) hit += votes[f][d];
    }
    return total === 0 ? 0 : hit / total;
  };
  return { train_accuracy: acc(trainVotes), eval_accuracy: acc(evalVotes), classifier };
}

/** Per-dimension variance (ddof = 1) of `n x d` codes. */
export function codeVariances(flat: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += flat[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const v = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
    const e = flat[i * d + j] - mean[j];
    v[j] += e * e;
  }
  for (let j = 0; j < d; j++) v[j] /= n - 1;
  return v;
}

/** The vote of one batch: argmin over active dims of local / global variance. */
export function factorVaeVote(
  codes: ArrayLike<number>, n: number, globalVariances: Float64Array, active: readonly boolean[],
): number {
  const d = globalVariances.length;
  const local = codeVariances(codes, n, d);
  let best = -1;
  let bestRatio = Infinity;
  for (let j = 0; j < d; j++) {
    if (!active[j]) continue;
    const ratio = local[j] / globalVariances[j];
    if (best < 0 || ratio < bestRatio) {
      bestRatio = ratio;
      best = j;
    }
  }
  return best;
}

async function votes(
  space: FactorSpace, representFn: RepresentationFn, batchSize: number, numPoints: number, rng: Rng,
  globalVariances: Float64Array, active: readonly boolean[],
): Promise<Float64Array[]> {
  const numFactors = space.sizes.length;
  const out = Array.from({ length: numFactors }, () => new Float64Array(globalVariances.length));
  const labels = new Int32Array(numPoints);
  const groups: Int32Array[] = [];
  for (let p = 0; p < numPoints; p++) {
    const index = rng.int(numFactors);
    const factors = space.sample(batchSize, rng);
    for (let i = 1; i < batchSize; i++) factors[i * numFactors + index] = factors[index];
    labels[p] = index;
    groups.push(factors);
  }
  // Drawn in the reference's order, encoded many points at a time.
  const { codes } = await representGroups(space, representFn, groups);
  codes.forEach((flat, p) => (out[labels[p]][factorVaeVote(flat, batchSize, globalVariances, active)] += 1));
  return out;
}

/** FactorVAE score of a representation on the dataset's factor space. */
export async function factorVaeScore(
  dataset: ImageDataset, representFn: RepresentationFn, options: FactorVaeScoreOptions = {},
): Promise<FactorVaeScoreResult> {
  const space = requireFactors(dataset, 'factorVaeScore');
  const rng = createRng(options.seed ?? 0);
  const batchSize = options.batchSize ?? 64;
  const numVar = options.numVarianceEstimate ?? 10_000;
  const threshold = options.pruneThreshold ?? 0.05;
  // Global variances from numVar points; the chunk size changes only the speed (the sampler
  // draws row after row whatever the chunk).
  const chunks: Float32Array[] = [];
  let dim = 0;
  for (let done = 0; done < numVar; ) {
    const n = Math.min(IMAGES_PER_CALL, numVar - done);
    const r = await represent(space, representFn, space.sample(n, rng), n);
    chunks.push(r.flat.slice());
    dim = r.dim;
    done += n;
  }
  const all = new Float64Array(numVar * dim);
  let offset = 0;
  for (const c of chunks) { all.set(c, offset); offset += c.length; }
  const globalVariances = codeVariances(all, numVar, dim);
  const active = Array.from(globalVariances, (v) => Math.sqrt(v) >= threshold);
  const numActive = active.filter(Boolean).length;
  if (numActive === 0) {
    return { factor_vae_train_accuracy: 0, factor_vae_eval_accuracy: 0, factor_vae_num_active_dims: 0 };
  }
  const trainVotes = await votes(space, representFn, batchSize, options.numTrain ?? 10_000, rng, globalVariances, active);
  const evalVotes = await votes(space, representFn, batchSize, options.numEval ?? 5_000, rng, globalVariances, active);
  const r = factorVaeScoreFromVotes(trainVotes, evalVotes);
  return {
    factor_vae_train_accuracy: r.train_accuracy,
    factor_vae_eval_accuracy: r.eval_accuracy,
    factor_vae_num_active_dims: numActive,
  };
}
