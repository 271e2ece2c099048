/**
 * Area under the ROC curve, as sklearn's `roc_auc_score` computes it: the trapezoidal area,
 * which equals the Mann–Whitney statistic with tied scores counted one half
 * (Hanley & McNeil 1982, "The meaning and use of the area under a ROC curve").
 */

/** AUC of `scores` for the binary `positive` labels; NaN when only one class is present. */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const n = scores.length;
  if (positive.length !== n) throw new RangeError('rocAuc: scores and labels differ in length');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  // Average ranks (1-based) over runs of tied scores.
  let rankSumPositive = 0;
  let positives = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
    const rank = (start + end) / 2 + 1;
    for (let t = start; t <= end; t++) {
      if (positive[order[t]]) {
        rankSumPositive += rank;
        positives++;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositive - (positives * (positives + 1)) / 2) / (positives * negatives);
}
