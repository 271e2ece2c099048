/**
 * L2-regularised logistic regression as sklearn's default `LogisticRegression()` (C = 1,
 * lbfgs, intercept fitted and not penalised): multinomial (softmax) for three or more classes,
 * a single sigmoid for two (sklearn's `multi_class="auto"`). The objective
 *   sum_i -log p(y_i | x_i) + ||W||^2 / (2C)
 * is strictly convex in W, so any solver that converges reaches sklearn's solution; we use
 * L-BFGS (Nocedal & Wright 2006, Algorithm 7.4/7.5) with a backtracking Armijo line search and
 * run it to a tight gradient tolerance.
 *
 * Deviation: sklearn stops lbfgs after max_iter = 100 iterations (with a ConvergenceWarning when
 * not converged); we iterate to convergence (up to `maxIter` = 1000), i.e. we report the
 * optimum sklearn is aiming for.
 */
import { columnCount, encodeLabels } from './matrix.ts';
import type { Matrix } from './matrix.ts';

export interface LogisticRegressionOptions {
  /** Inverse regularisation strength. @default 1 */
  readonly C?: number;
  /** Stop when the gradient's max-norm (objective scaled by 1/n) falls below this. @default 1e-10 */
  readonly tol?: number;
  /** Maximum L-BFGS iterations. @default 1000 */
  readonly maxIter?: number;
}

export interface LogisticRegressionModel {
  readonly classes: number[];
  /** One row per class (a single row for two classes, scoring the second class). */
  readonly coef: Float64Array[];
  readonly intercept: Float64Array;
  readonly iterations: number;
}

/** Minimises f with L-BFGS; `fg` returns f and writes the gradient. */
export function lbfgs(
  fg: (w: Float64Array, g: Float64Array) => number, w0: Float64Array, tol: number, maxIter: number, memory = 10,
): { w: Float64Array; iterations: number } {
  const n = w0.length;
  const w = w0.slice();
  const g = new Float64Array(n);
  let f = fg(w, g);
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const rhos: number[] = [];
  const dir = new Float64Array(n);
  const wNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alphas = new Float64Array(memory);
  const maxAbs = (v: Float64Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  let iter = 0;
  for (; iter < maxIter && maxAbs(g) > tol; iter++) {
    // Two-loop recursion for dir = -H g.
    for (let i = 0; i < n; i++) dir[i] = -g[i];
    for (let k = ss.length - 1; k >= 0; k--) {
      let a = 0;
      for (let i = 0; i < n; i++) a += ss[k][i] * dir[i];
      a *= rhos[k];
      alphas[k] = a;
      for (let i = 0; i < n; i++) dir[i] -= a * ys[k][i];
    }
    if (ss.length > 0) {
      const last = ss.length - 1;
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < n; i++) { sy += ss[last][i] * ys[last][i]; yy += ys[last][i] * ys[last][i]; }
      const gamma = sy / yy;
      for (let i = 0; i < n; i++) dir[i] *= gamma;
    }
    for (let k = 0; k < ss.length; k++) {
      let b = 0;
      for (let i = 0; i < n; i++) b += ys[k][i] * dir[i];
      b *= rhos[k];
      for (let i = 0; i < n; i++) dir[i] += ss[k][i] * (alphas[k] - b);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * dir[i];
    if (!(slope < 0)) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      for (let i = 0; i < n; i++) dir[i] = -g[i];
      slope = -g.reduce((s, x) => s + x * x, 0);
      ss.length = 0; ys.length = 0; rhos.length = 0;
    }
    let step = ss.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) wNew[i] = w[i] + step * dir[i];
      fNew = fg(wNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew <= f)) break; // no progress possible at double precision
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = wNew[i] - w[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
    }
    w.set(wNew);
    g.set(gNew);
    const fOld = f;
    f = fNew;
    if (sy > 1e-300) {
      ss.push(s); ys.push(y); rhos.push(1 / sy);
      if (ss.length > memory) { ss.shift(); ys.shift(); rhos.shift(); }
    }
    if (fOld - f <= 1e-16 * Math.max(1, Math.abs(f)) && maxAbs(g) <= tol * 1e3) break;
  }
  return { w, iterations: iter };
}

/** Fits the classifier on points x features `x` with integer-like labels. */
export function fitLogisticRegression(
  x: Matrix, labels: ArrayLike<number>, options: LogisticRegressionOptions = {},
): LogisticRegressionModel {
  const C = options.C ?? 1;
  const d = columnCount(x, 'logisticRegression');
  const n = x.length;
  if (labels.length !== n) throw new RangeError('logisticRegression: x and labels differ in length');
  const { codes, classes } = encodeLabels(labels);
  const k = classes.length;
  if (k < 2) throw new RangeError('logisticRegression: needs at least two classes');
  const rows = k === 2 ? 1 : k; // parameter rows; for two classes the first class's logit is 0
  const width = d + 1;
  const xs = x.map((r) => Float64Array.from(r));
  const logits = new Float64Array(k);
  // Objective divided by n so the tolerance is independent of the number of points.
  const fg = (w: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let f = 0;
    for (let i = 0; i < n; i++) {
      const xi = xs[i];
      if (rows === 1) logits[0] = 0;
      for (let c = 0; c < rows; c++) {
        let s = w[c * width + d];
        for (let j = 0; j < d; j++) s += w[c * width + j] * xi[j];
        logits[rows === 1 ? 1 : c] = s;
      }
      let m = -Infinity;
      for (let c = 0; c < k; c++) m = Math.max(m, logits[c]);
      let z = 0;
      for (let c = 0; c < k; c++) z += Math.exp(logits[c] - m);
      const lse = m + Math.log(z);
      f += lse - logits[codes[i]];
      for (let c = 0; c < rows; c++) {
        const cls = rows === 1 ? 1 : c;
        const r = Math.exp(logits[cls] - lse) - (codes[i] === cls ? 1 : 0);
        for (let j = 0; j < d; j++) g[c * width + j] += r * xi[j];
        g[c * width + d] += r;
      }
    }
    let reg = 0;
    for (let c = 0; c < rows; c++) for (let j = 0; j < d; j++) {
      const v = w[c * width + j];
      reg += v * v;
      g[c * width + j] += v / C;
    }
    for (let t = 0; t < g.length; t++) g[t] /= n;
    return (f + reg / (2 * C)) / n;
  };
  const { w, iterations } = lbfgs(fg, new Float64Array(rows * width), options.tol ?? 1e-10, options.maxIter ?? 1000);
  const coef = Array.from({ length: rows }, (_, c) => w.slice(c * width, c * width + d));
  const intercept = Float64Array.from({ length: rows }, (_, c) => w[c * width + d]);
  if (rows > 1) {
    // Intercepts are unpenalised, so only their differences are identified; centre them as
    // sklearn's multinomial lbfgs solution does (its gradient keeps their sum at the start value 0).
    const mean = intercept.reduce((s, v) => s + v, 0) / rows;
    for (let c = 0; c < rows; c++) intercept[c] -= mean;
  }
  return { classes, coef, intercept, iterations };
}

/** Predicted labels (argmax of the class scores; ties go to the first class as in sklearn). */
export function predictLogisticRegression(model: LogisticRegressionModel, x: Matrix): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < model.coef.length; c++) {
      let s = model.intercept[c];
      for (let j = 0; j < model.coef[c].length; j++) s += model.coef[c][j] * x[i][j];
      if (model.coef.length === 1) { best = s > 0 ? 1 : 0; break; }
      if (s > bestScore) { bestScore = s; best = c; }
    }
    out[i] = model.classes[best];
  }
  return out;
}

/**
 * Class probabilities, `[point][class]` in `model.classes` order (sklearn's `predict_proba`):
 * the softmax of the class scores, or for two classes the sigmoid of the single score.
 */
export function predictProbaLogisticRegression(model: LogisticRegressionModel, x: Matrix): Float64Array[] {
  const k = model.classes.length;
  return x.map((row) => {
    const scores = new Float64Array(k);
    for (let c = 0; c < model.coef.length; c++) {
      let s = model.intercept[c];
      for (let j = 0; j < model.coef[c].length; j++) s += model.coef[c][j] * row[j];
      scores[model.coef.length === 1 ? 1 : c] = s;
    }
    let m = -Infinity;
    for (const s of scores) m = Math.max(m, s);
    let z = 0;
    for (let c = 0; c < k; c++) z += (scores[c] = Math.exp(scores[c] - m));
    for (let c = 0; c < k; c++) scores[c] /= z;
    return scores;
  });
}
