import { MODE_COLLAPSE_RECALL } from './failure-modes.ts';
import { formatNumber } from './format.ts';

/**
 * Examples per aggregate-posterior estimate of the mutual information for a run that does not
 * record `mi_batch_size`: runs stored before it was recorded used He et al. 2019's batch of 50.
 */
export const DEFAULT_MI_BATCH_SIZE = 50;
/** An MI estimate within this fraction of its ceiling is read as "at the ceiling". */
export const MI_CEILING_FRACTION = 0.95;
/** IWAE below the ELBO by more than this (nats) is a violation, not Monte Carlo noise. */
export const IWAE_BELOW_ELBO_TOLERANCE = 0.1;

const fmt = (v: number): string => formatNumber(v);
const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/**
 * The ceiling of He et al. 2019's I(x; z) estimator: with the aggregate posterior estimated from
 * a batch of B encodings, E[log q(z|x)] − E[log q(z)] cannot exceed log B.
 */
export const miCeiling = (summaries: Record<string, number>): number => Math.log(summaries.mi_batch_size ?? DEFAULT_MI_BATCH_SIZE);

/**
 * What a reader must know before trusting a run's value of each metric, by summary key:
 * - `log_likelihood` below the ELBO: the IWAE bound is never below the ELBO of the same
 *   examples (Burda et al. 2015, Theorem 1), so that is a measurement error. Compared with
 *   `log_likelihood_elbo` (same examples) when recorded, else with the held-out `elbo`.
 * - `mutual_information` at its ceiling log B (a lower bound of the true value) or negative
 *   (estimator bias; read as about 0).
 * - `precision` with recall near 0: the samples are a few repeated images.
 * - `conditional_accuracy`: the classifier's own accuracy on real test images, its ceiling.
 */
export function valueCaveats(summaries: Record<string, number>): Record<string, { text: string; violation: boolean }> {
  const out: Record<string, { text: string; violation: boolean }> = {};
  const iwae = summaries.log_likelihood;
  const sameExamples = finite(summaries.log_likelihood_elbo);
  const elbo = sameExamples ? summaries.log_likelihood_elbo : summaries.elbo;
  if (finite(iwae) && finite(elbo) && iwae < elbo - IWAE_BELOW_ELBO_TOLERANCE) {
    out.log_likelihood = {
      violation: true,
      text: `IWAE ${fmt(iwae)} is below the ELBO ${fmt(elbo)}${sameExamples ? ' of the same examples' : ' (held-out evaluation, other examples)'}: the bound guarantees IWAE ≥ ELBO, so this value is not to be trusted`,
    };
  }
  const mi = summaries.mutual_information;
  if (finite(mi)) {
    const ceiling = miCeiling(summaries);
    if (mi < 0) out.mutual_information = { violation: true, text: `negative estimate (${fmt(mi)}): the estimator is biased; read it as about 0` };
    else if (mi >= MI_CEILING_FRACTION * ceiling) {
      out.mutual_information = { violation: false, text: `at the estimator's ceiling log ${Math.round(Math.exp(ceiling))} = ${fmt(ceiling)} nats: the true I(x; z) may be larger` };
    }
  }
  if (finite(summaries.precision) && finite(summaries.recall) && summaries.recall < MODE_COLLAPSE_RECALL) {
    out.precision = { violation: false, text: `recall ${fmt(summaries.recall)}: the samples cover almost none of the data, so this precision is not sample quality` };
  }
  if (finite(summaries.conditional_accuracy) && finite(summaries.classifier_accuracy)) {
    out.conditional_accuracy = { violation: false, text: `the classifier itself scores ${fmt(summaries.classifier_accuracy)} on real test images: the ceiling of this accuracy` };
  }
  return out;
}
