/**
 * Fréchet distance between two sets of feature vectors (Heusel et al. 2017, "GANs Trained by a
 * Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", https://arxiv.org/abs/1706.08500,
 * the FID formula; reference code: bioinf-jku/TTUR `calculate_frechet_distance`):
 *   d^2 = ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^{1/2})
 * with sample covariances (n - 1, as `np.cov(rowvar=False)`). Instead of the reference's
 * `scipy.linalg.sqrtm(S1 S2)` of a non-symmetric product, the trace term uses the similar
 * symmetric matrix sqrt(S1) S2 sqrt(S1): Tr (S1 S2)^{1/2} = sum_k sqrt(lambda_k(sqrt(S1) S2 sqrt(S1))),
 * computed with a float64 symmetric eigensolver (tiny negative eigenvalues from rounding are
 * clipped to 0). This avoids the complex-valued round-off the reference has to discard.
 *
 * Features are points x dims (`a[i]` = feature vector of sample i). Only the pure distance lives
 * here; the feature extractor is model-dependent and lives elsewhere.
 */
import { columnCount } from './matrix.ts';
import type { Matrix } from './matrix.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

/** Mean vector and row-major covariance (n - 1) of points x dims. */
export function meanAndCovariance(x: Matrix): { mean: Float64Array; cov: Float64Array } {
  const d = columnCount(x, 'meanAndCovariance');
  const n = x.length;
  if (n < 2) throw new RangeError('meanAndCovariance: needs at least two points');
  const mean = new Float64Array(d);
  for (const row of x) for (let j = 0; j < d; j++) mean[j] += row[j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const cov = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (const row of x) {
    for (let j = 0; j < d; j++) c[j] = row[j] - mean[j];
    for (let j = 0; j < d; j++) {
      const cj = c[j];
      for (let k = j; k < d; k++) cov[j * d + k] += cj * c[k];
    }
  }
  for (let j = 0; j < d; j++) {
    for (let k = j; k < d; k++) {
      cov[j * d + k] /= n - 1;
      cov[k * d + j] = cov[j * d + k];
    }
  }
  return { mean, cov };
}

/** Symmetric positive semi-definite square root of a row-major d x d covariance. */
export function sqrtPsd(cov: Float64Array, d: number): Float64Array {
  const { values, vectors } = symmetricEigen(cov, d);
  const out = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const s = Math.sqrt(Math.max(values[k], 0));
    if (s === 0) continue;
    for (let i = 0; i < d; i++) {
      const vik = vectors[i * d + k] * s;
      for (let j = 0; j < d; j++) out[i * d + j] += vik * vectors[j * d + k];
    }
  }
  return out;
}

/** Tr((S1 S2)^{1/2}) via the eigenvalues of sqrt(S1) S2 sqrt(S1). */
export function traceSqrtProduct(cov1: Float64Array, cov2: Float64Array, d: number): number {
  const r = sqrtPsd(cov1, d);
  const t = new Float64Array(d * d); // r * cov2
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) {
    const rik = r[i * d + k];
    if (rik === 0) continue;
    for (let j = 0; j < d; j++) t[i * d + j] += rik * cov2[k * d + j];
  }
  // m = t * r is symmetric in exact arithmetic: compute the upper triangle and mirror it.
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += t[i * d + k] * r[k * d + j];
    m[i * d + j] = s;
    m[j * d + i] = s;
  }
  const { values } = symmetricEigen(m, d);
  let tr = 0;
  for (const v of values) tr += Math.sqrt(Math.max(v, 0));
  return tr;
}

/** Fréchet distance from Gaussian statistics (means and row-major covariances). */
export function frechetDistanceFromStats(
  mean1: ArrayLike<number>, cov1: Float64Array, mean2: ArrayLike<number>, cov2: Float64Array,
): number {
  const d = mean1.length;
  if (mean2.length !== d || cov1.length !== d * d || cov2.length !== d * d) {
    throw new RangeError('frechetDistance: statistics have mismatched dimensions');
  }
  let diff = 0;
  for (let j = 0; j < d; j++) diff += (mean1[j] - mean2[j]) ** 2;
  let tr = 0;
  for (let j = 0; j < d; j++) tr += cov1[j * d + j] + cov2[j * d + j];
  return diff + tr - 2 * traceSqrtProduct(cov1, cov2, d);
}

/** Fréchet distance between feature sets `a` and `b` (points x dims each). */
export function frechetDistance(a: Matrix, b: Matrix): number {
  const da = columnCount(a, 'frechetDistance');
  if (columnCount(b, 'frechetDistance') !== da) throw new RangeError('frechetDistance: feature dims differ');
  const s1 = meanAndCovariance(a);
  const s2 = meanAndCovariance(b);
  return frechetDistanceFromStats(s1.mean, s1.cov, s2.mean, s2.cov);
}
