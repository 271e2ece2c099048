import { valueCaveats } from '../caveats.ts';
import { formatNumber } from '../format.ts';
import { html } from '../html.ts';
import { isConditional } from '../model-settings.ts';
import { aggregate } from '../stats.ts';
import type { ReportRun } from '../sweep-data.ts';
import { hyperChart } from '../hyper-chart.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';
import { gallery } from './galleries.ts';

/** What a sample grid shows: a conditional model's grid has one row per class (the executor draws ten samples of each class, class 0 on top). */
const samplesLabel = (run: ReportRun): string => (isConditional(run, undefined) ? 'prior samples: row = class (0 at the top), ten samples each' : 'prior samples');

/** The classifier's own test accuracy, the ceiling of the conditional accuracy. */
function ceilingNote(runs: readonly ReportRun[]): string {
  const ceiling = aggregate(runs.map((r) => r.summaries.classifier_accuracy));
  return ceiling.n ? `Ceiling: the feature classifier scores ${formatNumber(ceiling.mean)} on real test images; chance is one over the number of classes.` : 'The feature classifier\'s own accuracy was not recorded in this sweep; chance is one over the number of classes.';
}

/** Runs whose IWAE bound fell below their ELBO. */
function iwaeNote(runs: readonly ReportRun[]): string {
  const bad = runs.filter((r) => valueCaveats(r.summaries).log_likelihood?.violation).map((r) => `#${r.id}`);
  return `The IWAE bound is never below the ELBO of the same examples (Burda et al. 2015).${bad.length ? ` Runs ${bad.join(', ')} break this: their value is flagged in the runs table and not ranked.` : ''}`;
}

/** Log-likelihood, Fréchet distance, precision and recall against the hyperparameter; prior samples per configuration. */
export function qualitySection({ data, charts }: SectionContext): Section {
  const conditional = data.runs.some((r) => 'conditional_accuracy' in r.summaries);
  return section('quality', 'Sample quality',
    'Log-likelihood is the importance-weighted bound on held-out data. Fréchet distance compares features of prior samples (and of reconstructions) with real images: lower is better. Precision: samples that look real; recall: real images the samples cover.',
    html`<div class="charts">${hyperChart(charts, data, 'log_likelihood', { note: iwaeNote(data.runs) })}${hyperChart(charts, data, 'frechet_distance')}${hyperChart(charts, data, 'frechet_distance_recon')}
${hyperChart(charts, data, 'precision')}${hyperChart(charts, data, 'recall')}${conditional ? hyperChart(charts, data, 'conditional_accuracy', { note: ceilingNote(data.runs) }) : ''}</div>
<h3>Prior samples and reconstructions per configuration</h3>
${gallery(data, [{ name: 'samples.png', label: samplesLabel }, { name: 'reconstructions.png', label: 'reconstructions (test): originals above their reconstructions' }], 'Prior samples')}`);
}
