import { html } from '../html.ts';
import { hyperChart } from '../hyper-chart.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';
import { gallery } from './galleries.ts';

/** Disentanglement scores the section charts, in order. */
export const DISENTANGLEMENT_METRICS = ['beta_vae_score', 'factor_vae_score', 'mig', 'dci_disentanglement', 'dci_completeness', 'dci_informativeness', 'sap'] as const;

/** Disentanglement scores against the hyperparameter with seed spread; latent traversals per configuration. */
export function disentanglementSection({ data, charts }: SectionContext): Section {
  return section('disentanglement', 'Disentanglement',
    'Scores in [0, 1], higher is better, measured against the ground-truth factors of the dataset. Seeds matter as much as hyperparameters here (Locatello et al. 2019), hence the error bars.',
    html`<div class="charts">${DISENTANGLEMENT_METRICS.map((m) => hyperChart(charts, data, m, { errorBars: true }))}</div>
<h3>Latent traversals (rows: latent dimensions, columns: −3 … 3)</h3>
${gallery(data, [{ name: 'traversals.png', label: 'traversals' }, { name: 'interpolations.png', label: 'interpolations' }], 'Latent traversals')}`);
}
