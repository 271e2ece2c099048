/**
 * Linear SVM with the L2-regularised squared hinge loss, one-vs-rest, as sklearn's
 * `LinearSVC(loss="squared_hinge", penalty="l2", dual=True)` trains it through liblinear
 * (Fan et al. 2008, "LIBLINEAR: A Library for Large Linear Classification"; solver
 * `L2R_L2LOSS_SVC_DUAL` = dual coordinate descent with shrinking, Hsieh et al. 2008, Algorithm 3,
 * `solve_l2r_l1l2_svc` in liblinear's `linear.cpp`).
 *
 * Primal problem for one binary sub-problem, labels y_i in {-1, +1}:
 *   min_w 0.5 ||w||^2 + sum_i C_i max(0, 1 - y_i w^T [x_i, B])^2
 * The intercept is liblinear's: a constant feature `B = intercept_scaling = 1` is appended and its
 * weight is regularised like the others; intercept = B * w_last.
 * Per-instance costs C_i come from liblinear's `train`: the binary case (classes sorted, first
 * class -> -1) uses Cp = C * weight[class1], Cn = C * weight[class0]; one-vs-rest for class k
 * uses Cp = C * weight[k] for its members and plain Cn = C for the rest (liblinear does not
 * reweight the "rest"). `classWeight: 'balanced'` is sklearn's n / (K * count_k).
 */
import { createRng } from '@vaelab/core';
import type { Rng } from '@vaelab/core';
import { columnCount, encodeLabels } from './matrix.ts';
import type { Matrix } from './matrix.ts';

export interface LinearSvcOptions {
  /** Inverse regularisation strength. @default 1 */
  readonly C?: number;
  /** `'balanced'` reweights classes by n / (K * count); `undefined` leaves them at 1. @default undefined */
  readonly classWeight?: 'balanced';
  /** Stopping tolerance on the projected-gradient spread (sklearn's `tol`). @default 1e-4 */
  readonly tol?: number;
  /** Maximum passes over the data per binary problem (sklearn's `max_iter`). @default 1000 */
  readonly maxIter?: number;
  /** Constant feature appended for the intercept (sklearn's `intercept_scaling`). @default 1 */
  readonly interceptScaling?: number;
  /** Seed of the coordinate order (liblinear uses `rand()`). @default 0 */
  readonly seed?: number;
}

export interface LinearSvcModel {
  /** Sorted class labels. */
  readonly classes: number[];
  /** One weight vector per binary problem (1 for two classes, K otherwise). */
  readonly coef: Float64Array[];
  readonly intercept: Float64Array;
  /** Passes used by the slowest binary problem. */
  readonly iterations: number;
}

/**
 * Dual coordinate descent for one binary problem; `x` rows are already augmented with the bias
 * feature. Returns w (length d + 1).
 */
export function solveL2SquaredHingeDual(
  x: readonly Float64Array[], y: Int8Array, cost: Float64Array, tol: number, maxIter: number, rng: Rng,
): { w: Float64Array; iterations: number } {
  const l = x.length;
  const d = x[0].length;
  const w = new Float64Array(d);
  const alpha = new Float64Array(l);
  const qd = new Float64Array(l);
  const diag = new Float64Array(l);
  const index = new Int32Array(l);
  for (let i = 0; i < l; i++) {
    diag[i] = 0.5 / cost[i];
    let s = diag[i];
    for (let k = 0; k < d; k++) s += x[i][k] * x[i][k];
    qd[i] = s;
    index[i] = i;
  }
  let activeSize = l;
  let pgMaxOld = Infinity;
  let pgMinOld = -Infinity;
  let iter = 0;
  while (iter < maxIter) {
    let pgMaxNew = -Infinity;
    let pgMinNew = Infinity;
    for (let i = 0; i < activeSize; i++) {
      const j = i + Math.floor(rng.next() * (activeSize - i));
      const t = index[i]; index[i] = index[j]; index[j] = t;
    }
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const xi = x[i];
      const yi = y[i];
      let g = 0;
      for (let k = 0; k < d; k++) g += w[k] * xi[k];
      g = g * yi - 1 + alpha[i] * diag[i];
      let pg = 0;
      if (alpha[i] === 0) {
        if (g > pgMaxOld) {
          // Shrinking: this alpha is at its bound and likely to stay there.
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = i;
          s--;
          continue;
        } else if (g < 0) {
          pg = g;
        }
      } else {
        pg = g; // the squared hinge has no upper bound on alpha
      }
      if (pg > pgMaxNew) pgMaxNew = pg;
      if (pg < pgMinNew) pgMinNew = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.max(old - g / qd[i], 0);
        const delta = (alpha[i] - old) * yi;
        for (let k = 0; k < d; k++) w[k] += delta * xi[k];
      }
    }
    iter++;
    if (pgMaxNew - pgMinNew <= tol) {
      if (activeSize === l) break;
      // Converged on the shrunk set: verify on all points before stopping.
      activeSize = l;
      pgMaxOld = Infinity;
      pgMinOld = -Infinity;
      continue;
    }
    pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
    pgMinOld = pgMinNew >= 0 ? -Infinity : pgMinNew;
  }
  void pgMinOld; // liblinear tracks it for the L1 loss upper bound, unused for the squared hinge
  return { w, iterations: iter };
}

/** Trains the one-vs-rest (or binary) linear SVC on points x features `x`. */
export function fitLinearSvc(x: Matrix, labels: ArrayLike<number>, options: LinearSvcOptions = {}): LinearSvcModel {
  const C = options.C ?? 1;
  const tol = options.tol ?? 1e-4;
  const maxIter = options.maxIter ?? 1000;
  const bias = options.interceptScaling ?? 1;
  const rng = createRng(options.seed ?? 0);
  const d = columnCount(x, 'linearSvc');
  if (x.length !== labels.length) throw new RangeError('linearSvc: x and labels differ in length');
  const { codes, classes } = encodeLabels(labels);
  const k = classes.length;
  if (k < 2) throw new RangeError('linearSvc: needs at least two classes');
  const counts = new Float64Array(k);
  for (const c of codes) counts[c]++;
  const weight = Float64Array.from(counts, (n) => (options.classWeight === 'balanced' ? x.length / (k * n) : 1));
  const aug = x.map((row) => {
    const r = new Float64Array(d + 1);
    for (let j = 0; j < d; j++) r[j] = row[j];
    r[d] = bias;
    return r;
  });
  const y = new Int8Array(x.length);
  const cost = new Float64Array(x.length);
  const coef: Float64Array[] = [];
  const intercept: number[] = [];
  let iterations = 0;
  const problems = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  for (const positive of problems) {
    for (let i = 0; i < x.length; i++) {
      const isPos = codes[i] === positive;
      y[i] = isPos ? 1 : -1;
      if (k === 2) cost[i] = C * weight[codes[i]];
      else cost[i] = isPos ? C * weight[positive] : C;
    }
    const { w, iterations: it } = solveL2SquaredHingeDual(aug, y, cost, tol, maxIter, rng);
    iterations = Math.max(iterations, it);
    coef.push(w.slice(0, d));
    intercept.push(bias * w[d]);
  }
  return { classes, coef, intercept: Float64Array.from(intercept), iterations };
}

/** sklearn's `LinearClassifierMixin.predict`: sign for two classes, first argmax otherwise. */
export function predictLinearSvc(model: LinearSvcModel, x: Matrix): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const row = x[i];
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < model.coef.length; c++) {
      let s = model.intercept[c];
      const w = model.coef[c];
      for (let j = 0; j < w.length; j++) s += w[j] * row[j];
      if (model.coef.length === 1) {
        best = s > 0 ? 1 : 0;
        break;
      }
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    out[i] = model.classes[best];
  }
  return out;
}

/** The primal objective of one binary problem, for checking optimality in tests. */
export function squaredHingePrimal(w: Float64Array, x: readonly Float64Array[], y: Int8Array, cost: Float64Array): number {
  let f = 0;
  for (const v of w) f += 0.5 * v * v;
  for (let i = 0; i < x.length; i++) {
    let s = 0;
    for (let k = 0; k < w.length; k++) s += w[k] * x[i][k];
    const m = 1 - y[i] * s;
    if (m > 0) f += cost[i] * m * m;
  }
  return f;
}
