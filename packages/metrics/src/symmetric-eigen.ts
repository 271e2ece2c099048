import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * Eigendecomposition of a real symmetric matrix in float64, by ml-matrix's
 * `EigenvalueDecomposition` with `assumeSymmetric`: Householder reduction to tridiagonal form
 * followed by the implicit QL algorithm (tred2 / tql2 of the EISPACK lineage, Wilkinson & Reinsch
 * 1971, "Handbook for Automatic Computation II", as ported from JAMA). Backward stable:
 * eigenvalues are exact for a matrix within a few ulps of the input, which is what the Fréchet
 * distance's matrix square roots need.
 */

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /** Column k of this row-major n x n matrix is the eigenvector of `values[k]`. */
  readonly vectors: Float64Array;
}

/** Decomposes the symmetric `n x n` row-major matrix `a` (only symmetric input is meaningful). */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  if (a.length !== n * n) throw new RangeError(`symmetricEigen: expected ${n * n} entries, got ${a.length}`);
  if (n === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  const matrix = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) matrix.set(i, j, a[i * n + j]);
  const eig = new EigenvalueDecomposition(matrix, { assumeSymmetric: true });
  // tql2 sorts the eigenvalues ascending and their eigenvectors with them.
  return { values: Float64Array.from(eig.realEigenvalues), vectors: Float64Array.from(eig.eigenvectorMatrix.to1DArray()) };
}
