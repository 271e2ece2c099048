/**
 * Plain-array utilities shared by the metric files.
 *
 * Orientation convention for the whole package: a matrix is an array of rows and row `i` is
 * the `i`-th point (`codes[i]` = code vector of point `i`, `factors[i]` = factor vector of
 * point `i`), i.e. points x dims. disentanglement_lib stores the transpose (dims x points); every
 * function here transposes internally where the reference's formulas are written per dimension.
 */

/** One row: a plain array or a typed array. */
export type Row = ArrayLike<number>;
/** Points x dims. */
export type Matrix = readonly Row[];

/** Number of columns, checking that every row has the same length. */
export function columnCount(rows: Matrix, what: string): number {
  if (rows.length === 0) throw new RangeError(`${what}: needs at least one row`);
  const d = rows[0].length;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].length !== d) {
      throw new RangeError(`${what}: row ${i} has ${rows[i].length} entries, row 0 has ${d}`);
    }
  }
  return d;
}

/** Column `j` as a Float64Array (the per-dimension view disentanglement_lib works with). */
export function column(rows: Matrix, j: number): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = rows[i][j];
  return out;
}

/** All columns (dims x points). */
export function columns(rows: Matrix, what: string): Float64Array[] {
  const d = columnCount(rows, what);
  const out: Float64Array[] = [];
  for (let j = 0; j < d; j++) out.push(column(rows, j));
  return out;
}

/** Splits a row-major flat buffer into `n` rows of width `d` (views, no copy). */
export function rowsOf(flat: Float32Array | Float64Array | Int32Array, n: number, d: number): Row[] {
  if (flat.length !== n * d) {
    throw new RangeError(`expected ${n} x ${d} = ${n * d} values, got ${flat.length}`);
  }
  const out: Row[] = [];
  for (let i = 0; i < n; i++) out.push(flat.subarray(i * d, (i + 1) * d));
  return out;
}

/** Arithmetic mean (two-pass friendly: callers subtract it before summing squares). */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample variance with `ddof` (numpy's `np.var(x, ddof=ddof)`), two-pass for accuracy. */
export function variance(x: ArrayLike<number>, ddof = 1): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    s += d * d;
  }
  return s / (x.length - ddof);
}

/** Maps arbitrary label values to dense indices 0..k-1 in ascending value order (np.unique). */
export function encodeLabels(labels: ArrayLike<number>): { codes: Int32Array; classes: number[] } {
  const classes = Array.from(new Set(Array.from(labels))).sort((a, b) => a - b);
  const index = new Map<number, number>();
  classes.forEach((c, k) => index.set(c, k));
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) codes[i] = index.get(labels[i]) as number;
  return { codes, classes };
}

/** Mean over the factors of (largest - second largest) of each column of `m` (dims x factors). */
export function meanTopTwoGap(m: readonly Float64Array[], skip?: readonly boolean[]): number {
  const numFactors = m[0].length;
  let total = 0;
  let count = 0;
  for (let j = 0; j < numFactors; j++) {
    if (skip?.[j]) continue;
    let first = -Infinity;
    let second = -Infinity;
    for (const row of m) {
      const v = row[j];
      if (v > first) {
        second = first;
        first = v;
      } else if (v > second) {
        second = v;
      }
    }
    total += first - second;
    count++;
  }
  return count === 0 ? 0 : total / count;
}
