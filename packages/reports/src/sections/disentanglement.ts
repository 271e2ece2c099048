import { html } from '../html.ts';
import { hyperChart } from '../hyper-chart.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';
import { gallery } from './galleries.ts';

/** Disentanglement scores the section charts, in order. */
export const DISENTANGLEMENT_METRICS = ['beta_vae_score', 'factor_vae_score', 'mig', 'dci_disentanglement', 'dci_completeness', 'dci_informativeness', 'sap'] as const;

/** Disentanglement scores against the hyperparameter with seed spread; latent traversals per configuration. */
export function disentanglementSection({ data, charts }: SectionContext): Section {
  // A sweep that did not measure disentanglement (e.g. on MNIST, which has no ground-truth factors) gets one line, not seven empty charts.
  const measured = DISENTANGLEMENT_METRICS.some((m) => data.runs.some((r) => Number.isFinite(r.summaries[m])));
  return section('disentanglement', 'Disentanglement',
    'Scores in [0, 1], higher is better, measured against the ground-truth factors of the dataset. Seeds matter as much as hyperparameters here (Locatello et al. 2019), hence the error bars.',
    html`${measured
      ? html`<div class="charts">${DISENTANGLEMENT_METRICS.map((m) => hyperChart(charts, data, m, { errorBars: true }))}</div>`
      : html`<p class="empty-state">No disentanglement score was measured in this sweep (its metric groups do not include <code>disentanglement</code>, or its dataset has no ground-truth factors); the traversals below still show what each latent dimension draws.</p>`}
<h3>Latent traversals (rows: latent dimensions, columns: −3 … 3)</h3>
${gallery(data, [{ name: 'traversals.png', label: 'traversals' }, { name: 'interpolations.png', label: 'interpolations' }], 'Latent traversals')}`);
}
