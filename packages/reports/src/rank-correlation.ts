/**
 * Spearman's rank correlation, as Locatello et al. 2019 ("Challenging Common Assumptions in the
 * Unsupervised Learning of Disentangled Representations", Figure 2) use it to ask whether
 * disentanglement metrics agree across trained models: the Pearson correlation of the ranks,
 * tied values getting the mean of the ranks they span (as `scipy.stats.spearmanr`, which their
 * code calls through pandas' `DataFrame.corr(method="spearman")`).
 */

/** 1-based ranks of `values`; ties get the average of the ranks they occupy. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k].i] = rank;
    start = end + 1;
  }
  return out;
}

/** Pearson correlation; NaN when either side is constant or there are fewer than two pairs. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2 || y.length !== n) return NaN;
  const mx = x.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * Spearman's ρ of the pairs where both values are finite (pairwise-complete, as pandas does);
 * NaN with fewer than three such pairs or a constant side. Returns the number of pairs used too.
 */
export function spearman(x: readonly number[], y: readonly number[]): { rho: number; n: number } {
  const pairs = x.map((v, i) => [v, y[i]] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  if (pairs.length < 3) return { rho: NaN, n: pairs.length };
  return { rho: pearson(ranks(pairs.map((p) => p[0])), ranks(pairs.map((p) => p[1]))), n: pairs.length };
}
