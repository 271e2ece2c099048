/**
 * sklearn's `LogisticRegressionCV(Cs=10, cv=KFold(n_splits=5))`, disentanglement_lib's
 * `utils.logistic_regression_cv` predictor of the downstream task: the inverse regularisation
 * C is chosen from 10 values log-spaced over [1e-4, 1e4] by the mean accuracy over 5
 * contiguous (unshuffled) folds, the first best C winning ties, and the classifier is refitted
 * on every point with it (`refit=True`).
 *
 * A training set (or fold) with a single class cannot be fitted (sklearn throws): it predicts
 * that class.
 */
import { fitLogisticRegression, predictLogisticRegression } from './logistic-regression.ts';
import type { LogisticRegressionOptions } from './logistic-regression.ts';
import type { Matrix } from './matrix.ts';

export interface LogisticRegressionCvOptions {
  /** Candidate C values. @default 10 values log-spaced from 1e-4 to 1e4 */
  readonly Cs?: readonly number[];
  /** Contiguous folds. @default 5 */
  readonly folds?: number;
  /** Solver options of each fit. @default sklearn's `LogisticRegressionCV` solver settings: `{ tol: 1e-4, maxIter: 100 }` */
  readonly logistic?: Omit<LogisticRegressionOptions, 'C'>;
}

/** A fitted classifier: `predict` maps points to labels. */
export interface Predictor {
  predict(x: Matrix): Float64Array;
}

/** sklearn's `LogisticRegressionCV` stops lbfgs at tol 1e-4 or 100 iterations (unlike the single fits, which run to convergence). */
const SKLEARN_CV_SOLVER: Omit<LogisticRegressionOptions, 'C'> = { tol: 1e-4, maxIter: 100 };

/** `np.logspace(-4, 4, 10)`. */
export const DEFAULT_CS: readonly number[] = Array.from({ length: 10 }, (_, i) => 10 ** (-4 + (8 * i) / 9));

/** A logistic regression with fixed C, or the constant classifier of a single-class set. */
export function fitLogisticOrConstant(x: Matrix, y: ArrayLike<number>, options: LogisticRegressionOptions): Predictor {
  if (new Set(Array.from(y)).size < 2) {
    const only = y[0];
    return { predict: (points) => new Float64Array(points.length).fill(only) };
  }
  const model = fitLogisticRegression(x, y, options);
  return { predict: (points) => predictLogisticRegression(model, points) };
}

/** Fits `LogisticRegressionCV` on points x features `x` with labels `y`. */
export function fitLogisticRegressionCv(x: Matrix, y: ArrayLike<number>, options: LogisticRegressionCvOptions = {}): Predictor & { C: number } {
  const Cs = options.Cs ?? DEFAULT_CS;
  const solver = options.logistic ?? SKLEARN_CV_SOLVER;
  const n = x.length;
  const folds = Math.min(options.folds ?? 5, n);
  if (folds < 2) throw new RangeError(`logisticRegressionCv: needs at least 2 points for cross-validation, got ${n}`);
  // sklearn's KFold: the first n % folds folds hold one extra point.
  const bounds: number[] = [0];
  for (let f = 0; f < folds; f++) bounds.push(bounds[f] + Math.floor(n / folds) + (f < n % folds ? 1 : 0));
  let bestC = Cs[0];
  let bestScore = -Infinity;
  for (const C of Cs) {
    let score = 0;
    for (let f = 0; f < folds; f++) {
      const trainRows = [...x.slice(0, bounds[f]), ...x.slice(bounds[f + 1])];
      const trainY = [...Array.from(y).slice(0, bounds[f]), ...Array.from(y).slice(bounds[f + 1])];
      const testRows = x.slice(bounds[f], bounds[f + 1]);
      const predicted = fitLogisticOrConstant(trainRows, trainY, { ...solver, C }).predict(testRows);
      let hits = 0;
      for (let t = 0; t < testRows.length; t++) if (predicted[t] === y[bounds[f] + t]) hits++;
      score += hits / testRows.length / folds;
    }
    if (score > bestScore) {
      bestScore = score;
      bestC = C;
    }
  }
  return { ...fitLogisticOrConstant(x, y, { ...solver, C: bestC }), C: bestC };
}
