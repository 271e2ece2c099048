import { html } from '../html.ts';
import { hyperChart } from '../hyper-chart.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';
import { gallery } from './galleries.ts';

/** Log-likelihood, Fréchet distance, precision and recall against the hyperparameter; prior samples per configuration. */
export function qualitySection({ data, charts }: SectionContext): Section {
  const conditional = data.runs.some((r) => 'conditional_accuracy' in r.summaries);
  return section('quality', 'Sample quality',
    'Log-likelihood is the importance-weighted bound on held-out data. Fréchet distance compares features of prior samples (and of reconstructions) with real images: lower is better. Precision: samples that look real; recall: real images the samples cover.',
    html`<div class="charts">${hyperChart(charts, data, 'log_likelihood')}${hyperChart(charts, data, 'frechet_distance')}${hyperChart(charts, data, 'frechet_distance_recon')}
${hyperChart(charts, data, 'precision')}${hyperChart(charts, data, 'recall')}${conditional ? hyperChart(charts, data, 'conditional_accuracy') : ''}</div>
<h3>Prior samples and reconstructions per configuration</h3>
${gallery(data, [{ name: 'samples.png', label: 'prior samples' }, { name: 'reconstructions.png', label: 'reconstructions (test)' }], 'Prior samples')}`);
}
