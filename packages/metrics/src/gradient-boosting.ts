/**
 * Gradient-boosted classification trees as sklearn's `GradientBoostingClassifier()` with its
 * defaults (Friedman 2001, "Greedy Function Approximation: A Gradient Boosting Machine";
 * sklearn `ensemble/_gb.py`, `tree/_splitter.pyx`, `tree/_criterion.pyx`), the learner
 * disentanglement_lib's DCI uses for its importance matrix.
 *
 * Defaults reproduced: log-loss (binomial for two classes, multinomial with one tree per class
 * and stage otherwise), prior initialisation (log class priors / log-odds, clipped at float32
 * eps), learning rate 0.1, 100 stages, no subsampling, regression trees of depth 3 grown
 * depth-first on the negative gradient with the `friedman_mse` criterion, min_samples_split 2,
 * min_samples_leaf 1, split thresholds at midpoints of consecutive distinct values (more than
 * 1e-7 apart), features cast to float32 as sklearn's trees do, leaf values replaced by one
 * Newton step ((K-1)/K * sum r / sum |r|(1-|r|) for K classes). Feature importances are the total
 * impurity decrease per feature summed over all trees and normalised to sum to 1.
 *
 * Ties: sklearn visits the features of each node in a random order and keeps the first best
 * split, so among exactly equal improvements (common in small nodes late in boosting) it picks
 * at random; so do we, from our own seeded generator, which means importances agree with
 * sklearn's in distribution (to about 1e-2 on small problems), not bit for bit.
 * disentanglement_lib leaves sklearn's `random_state` unset, so its DCI is not bitwise
 * reproducible either.
 */
import { createRng } from '@vaelab/core';
import type { Rng } from '@vaelab/core';
import { columnCount, encodeLabels } from './matrix.ts';
import type { Matrix } from './matrix.ts';

export interface GradientBoostingOptions {
  /** Boosting stages. @default 100 */
  readonly numStages?: number;
  /** Shrinkage of each stage. @default 0.1 */
  readonly learningRate?: number;
  /** Depth of each regression tree. @default 3 */
  readonly maxDepth?: number;
  /** Seed of the per-node feature order that breaks ties between equal splits. @default 0 */
  readonly seed?: number;
}

interface Tree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export interface GradientBoostingModel {
  readonly classes: number[];
  /** Initial raw scores per output (1 for two classes, K otherwise). */
  readonly init: Float64Array;
  /** `trees[stage][output]`. */
  readonly trees: Tree[][];
  readonly learningRate: number;
  /** Normalised impurity-decrease importances, one per feature. */
  readonly featureImportances: Float64Array;
}

const FEATURE_THRESHOLD = 1e-7;
const EPSILON = Number.EPSILON;
const FLOAT32_EPS = 2 ** -23;

/**
 * Grows one regression tree on `target`, writing the leaf of each sample into `leafOf` and
 * adding the impurity decrease of each split into `importance`. `sorted[f]` holds the sample
 * indices sorted by feature f; it is partitioned in place as nodes split.
 */
function growTree(
  x: readonly Float32Array[], target: Float64Array, sorted: Int32Array[], maxDepth: number,
  leafOf: Int32Array, importance: Float64Array, rng: Rng,
): Tree {
  const n = target.length;
  const d = x.length;
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const goesLeft = new Uint8Array(n);
  const scratch = new Int32Array(n);
  const featureOrder = Int32Array.from({ length: d }, (_, f) => f);

  const build = (start: number, end: number, depth: number): number => {
    const id = feature.length;
    feature.push(-1); threshold.push(0); left.push(-1); right.push(-1); value.push(0);
    const count = end - start;
    let sum = 0;
    let sq = 0;
    const order0 = sorted[0];
    for (let p = start; p < end; p++) {
      const t = target[order0[p]];
      sum += t;
      sq += t * t;
    }
    value[id] = sum / count;
    const impurity = sq / count - (sum / count) * (sum / count);
    let bestFeature = -1;
    let bestProxy = -Infinity;
    let bestPos = -1;
    let bestThreshold = 0;
    if (depth < maxDepth && count >= 2 && impurity > EPSILON) {
      rng.shuffle(featureOrder);
      for (const f of featureOrder) {
        const order = sorted[f];
        const xf = x[f];
        let sumLeft = 0;
        for (let p = start + 1; p < end; p++) {
          sumLeft += target[order[p - 1]];
          const prev = xf[order[p - 1]];
          const cur = xf[order[p]];
          if (!(cur > prev + FEATURE_THRESHOLD)) continue;
          const nl = p - start;
          const nr = end - p;
          // friedman_mse proxy: (n_r * sum_l - n_l * sum_r)^2 / (n_l * n_r)
          const diff = nr * sumLeft - nl * (sum - sumLeft);
          const proxy = (diff * diff) / (nl * nr);
          if (proxy > bestProxy) {
            bestProxy = proxy;
            bestFeature = f;
            bestPos = p;
            let thr = prev / 2 + cur / 2;
            if (thr === cur || !Number.isFinite(thr)) thr = prev;
            bestThreshold = thr;
          }
        }
      }
    }
    if (bestFeature < 0) {
      for (let p = start; p < end; p++) leafOf[order0[p]] = id;
      return id;
    }
    const order = sorted[bestFeature];
    let sumLeft = 0;
    for (let p = start; p < end; p++) goesLeft[order[p]] = p < bestPos ? 1 : 0;
    for (let p = start; p < bestPos; p++) sumLeft += target[order[p]];
    const nl = bestPos - start;
    const nr = end - bestPos;
    const meanDiff = sumLeft / nl - (sum - sumLeft) / nr;
    // Impurity decrease N_t v_t - N_l v_l - N_r v_r = n_l n_r / N (mean_l - mean_r)^2.
    importance[bestFeature] += (nl * nr / count) * meanDiff * meanDiff;
    for (let f = 0; f < d; f++) {
      // Stable partition keeps each feature's range sorted for the children.
      const o = sorted[f];
      let a = start;
      let b = 0;
      for (let p = start; p < end; p++) {
        const s = o[p];
        if (goesLeft[s]) o[a++] = s;
        else scratch[b++] = s;
      }
      for (let q = 0; q < b; q++) o[a + q] = scratch[q];
    }
    feature[id] = bestFeature;
    threshold[id] = bestThreshold;
    left[id] = build(start, bestPos, depth + 1);
    right[id] = build(bestPos, end, depth + 1);
    return id;
  };
  build(0, n, 0);
  return {
    feature: Int32Array.from(feature), threshold: Float64Array.from(threshold),
    left: Int32Array.from(left), right: Int32Array.from(right), value: Float64Array.from(value),
  };
}

function treeLeaf(tree: Tree, row: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    node = Math.fround(row[tree.feature[node]]) <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  }
  return node;
}

/** Fits the classifier on points x features `x`. */
export function fitGradientBoosting(
  x: Matrix, labels: ArrayLike<number>, options: GradientBoostingOptions = {},
): GradientBoostingModel {
  const numStages = options.numStages ?? 100;
  const lr = options.learningRate ?? 0.1;
  const maxDepth = options.maxDepth ?? 3;
  const rng = createRng(options.seed ?? 0);
  const d = columnCount(x, 'gradientBoosting');
  const n = x.length;
  if (labels.length !== n) throw new RangeError('gradientBoosting: x and labels differ in length');
  const { codes, classes } = encodeLabels(labels);
  const k = classes.length;
  if (k < 2) throw new RangeError('gradientBoosting: needs at least two classes');
  const xs = Array.from({ length: d }, (_, f) => Float32Array.from(x, (row) => row[f]));
  const presorted = xs.map((col) => Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => col[a] - col[b]));
  const outputs = k === 2 ? 1 : k;
  const counts = new Float64Array(k);
  for (const c of codes) counts[c]++;
  const clip = (p: number) => Math.min(Math.max(p, FLOAT32_EPS), 1 - FLOAT32_EPS);
  const init = k === 2
    ? Float64Array.of(Math.log(clip(counts[1] / n) / (1 - clip(counts[1] / n))))
    : Float64Array.from(counts, (c) => Math.log(clip(c / n)));
  const raw = Array.from({ length: outputs }, (_, o) => new Float64Array(n).fill(init[o]));
  const importance = new Float64Array(d);
  const trees: Tree[][] = [];
  const residual = new Float64Array(n);
  const yk = new Float64Array(n);
  const leafOf = new Int32Array(n);
  const prob = Array.from({ length: outputs }, () => new Float64Array(n));
  for (let stage = 0; stage < numStages; stage++) {
    // Probabilities from the raw scores before this stage (all K trees see the same ones).
    for (let i = 0; i < n; i++) {
      if (outputs === 1) {
        prob[0][i] = 1 / (1 + Math.exp(-raw[0][i]));
      } else {
        let m = -Infinity;
        for (let o = 0; o < outputs; o++) m = Math.max(m, raw[o][i]);
        let s = 0;
        for (let o = 0; o < outputs; o++) s += Math.exp(raw[o][i] - m);
        const lse = m + Math.log(s);
        for (let o = 0; o < outputs; o++) prob[o][i] = Math.exp(raw[o][i] - lse);
      }
    }
    const stageTrees: Tree[] = [];
    for (let o = 0; o < outputs; o++) {
      const positive = outputs === 1 ? 1 : o;
      for (let i = 0; i < n; i++) {
        yk[i] = codes[i] === positive ? 1 : 0;
        residual[i] = yk[i] - prob[o][i];
      }
      const sorted = presorted.map((a) => a.slice());
      const tree = growTree(xs, residual, sorted, maxDepth, leafOf, importance, rng);
      const num = new Float64Array(tree.value.length);
      const den = new Float64Array(tree.value.length);
      for (let i = 0; i < n; i++) {
        num[leafOf[i]] += residual[i];
        den[leafOf[i]] += (yk[i] - residual[i]) * (1 - yk[i] + residual[i]);
      }
      const scale = outputs === 1 ? 1 : (k - 1) / k;
      for (let node = 0; node < tree.value.length; node++) {
        if (tree.feature[node] >= 0) continue;
        tree.value[node] = Math.abs(den[node]) < 1e-150 ? 0 : (scale * num[node]) / den[node];
      }
      for (let i = 0; i < n; i++) raw[o][i] += lr * tree.value[leafOf[i]];
      stageTrees.push(tree);
    }
    trees.push(stageTrees);
  }
  let total = 0;
  for (const v of importance) total += v;
  const featureImportances = importance.map((v) => (total > 0 ? v / total : 0));
  return { classes, init, trees, learningRate: lr, featureImportances };
}

/** Predicted labels: argmax of the raw scores (positive raw score for two classes). */
export function predictGradientBoosting(model: GradientBoostingModel, x: Matrix): Float64Array {
  const outputs = model.init.length;
  const out = new Float64Array(x.length);
  const raw = new Float64Array(outputs);
  for (let i = 0; i < x.length; i++) {
    raw.set(model.init);
    for (const stage of model.trees) {
      for (let o = 0; o < outputs; o++) raw[o] += model.learningRate * stage[o].value[treeLeaf(stage[o], x[i])];
    }
    let best = 0;
    if (outputs === 1) best = raw[0] > 0 ? 1 : 0;
    else for (let o = 1; o < outputs; o++) if (raw[o] > raw[best]) best = o;
    out[i] = model.classes[best];
  }
  return out;
}
