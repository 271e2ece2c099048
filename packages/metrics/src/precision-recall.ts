/**
 * Improved precision and recall of generated samples (Kynkäänniemi et al. 2019, "Improved
 * Precision and Recall Metric for Assessing Generative Models", https://arxiv.org/abs/1904.06991;
 * reference code: kynkaat/improved-precision-and-recall-metric `ManifoldEstimator`).
 *
 * The manifold of a set is the union of balls around each of its points with radius the
 * distance to the point's k-th nearest neighbour within the set (the point itself excluded).
 * precision = fraction of fake samples inside the real manifold; recall = fraction of real
 * samples inside the fake manifold. A sample is inside when its distance to some point is <=
 * that point's radius, as in the reference. Euclidean distances on points x dims features.
 * Cost is O(n^2 d) time and O(n) memory per set (distances are recomputed, not stored).
 */
import { columnCount } from './matrix.ts';
import type { Matrix } from './matrix.ts';

export interface PrecisionRecallOptions {
  /** Neighbourhood size of the k-NN radii. @default 3 */
  readonly k?: number;
}

export interface PrecisionRecallResult {
  readonly precision: number;
  readonly recall: number;
}

function squaredDistance(a: ArrayLike<number>, b: ArrayLike<number>, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const e = a[j] - b[j];
    s += e * e;
  }
  return s;
}

/** Squared distance from each point to its k-th nearest other point of the same set. */
export function kthNeighbourRadii(x: Matrix, k: number): Float64Array {
  const d = columnCount(x, 'precisionRecall');
  const n = x.length;
  if (!(k >= 1) || k >= n) throw new RangeError(`precisionRecall: need 1 <= k < n (k = ${k}, n = ${n})`);
  const radii = new Float64Array(n);
  const best = new Float64Array(k); // k smallest distances seen, ascending
  for (let i = 0; i < n; i++) {
    best.fill(Infinity);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dist = squaredDistance(x[i], x[j], d);
      if (dist >= best[k - 1]) continue;
      let p = k - 1;
      while (p > 0 && best[p - 1] > dist) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = dist;
    }
    radii[i] = best[k - 1];
  }
  return radii;
}

/** Fraction of `queries` within the k-NN manifold of `support` (radii are squared). */
function coverage(support: Matrix, radii: Float64Array, queries: Matrix, d: number): number {
  let inside = 0;
  for (const q of queries) {
    for (let i = 0; i < support.length; i++) {
      if (squaredDistance(q, support[i], d) <= radii[i]) {
        inside++;
        break;
      }
    }
  }
  return inside / queries.length;
}

/** Precision and recall of `fake` samples against `real` ones (points x dims each). */
export function precisionRecall(real: Matrix, fake: Matrix, options: PrecisionRecallOptions = {}): PrecisionRecallResult {
  const k = options.k ?? 3;
  const d = columnCount(real, 'precisionRecall');
  if (columnCount(fake, 'precisionRecall') !== d) throw new RangeError('precisionRecall: feature dims differ');
  const realRadii = kthNeighbourRadii(real, k);
  const fakeRadii = kthNeighbourRadii(fake, k);
  return {
    precision: coverage(real, realRadii, fake, d),
    recall: coverage(fake, fakeRadii, real, d),
  };
}
