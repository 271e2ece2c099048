import { diagnoseRun } from '../diagnosis.ts';
import type { Finding } from '../diagnosis.ts';
import { html } from '../html.ts';
import type { SafeHtml } from '../html.ts';
import type { ReportRun } from '../sweep-data.ts';
import { ModelConfigs } from '../model-settings.ts';
import type { ModelConfig } from '../model-settings.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';

/** Pixels per image of the datasets vaelab knows, for reading reconstruction error per pixel. */
export const DATASET_PIXELS: Record<string, number> = { mnist: 784, 'fashion-mnist': 784, dsprites: 4096 };
/** Classes of the labels a conditional model of these datasets is given. */
export const DATASET_CLASSES: Record<string, number> = { mnist: 10, 'fashion-mnist': 10 };

/** The diagnosis of one run from what the store holds (latent size and image size from params or the dataset). */
export function diagnoseReportRun(run: ReportRun, config?: ModelConfig): Finding[] {
  const latentDim = typeof run.params.latentDim === 'number' ? run.params.latentDim : undefined;
  const shape = run.params.inputShape;
  // `imageSize` resizes the (one-channel) datasets; otherwise the dataset's own size applies.
  const imagePixels = Array.isArray(shape) && shape.every((v) => typeof v === 'number') ? (shape as number[]).reduce((a, b) => a * b, 1)
    : typeof run.params.imageSize === 'number' ? run.params.imageSize ** 2 : DATASET_PIXELS[run.dataset];
  // A conditional model's classes (dSprites: the 3 shapes) from its parameters or its checkpoint's config; else the dataset's labels.
  const configured = Number(run.params.numClasses ?? config?.numClasses);
  const numClasses = Number.isInteger(configured) && configured > 1 ? configured : DATASET_CLASSES[run.dataset];
  const annealing = describeAnnealing(run.params.klSchedule);
  return diagnoseRun({
    run, summaries: run.summaries, series: run.series, ...(latentDim ? { latentDim } : {}), ...(imagePixels ? { imagePixels } : {}), ...(numClasses ? { numClasses } : {}),
    ...(annealing ? { annealing } : {}),
  });
}

/** A run's KL schedule in words when it anneals (linear warm-up or cyclical), else undefined. */
export function describeAnnealing(schedule: unknown): string | undefined {
  if (typeof schedule !== 'object' || schedule === null) return undefined;
  const s = schedule as { kind?: unknown; steps?: unknown; cycles?: unknown };
  if (s.kind === 'linear' && typeof s.steps === 'number') return `linear warm-up over ${s.steps.toLocaleString('en-US')} steps`;
  if (s.kind === 'cyclical' && typeof s.cycles === 'number') return `cyclical, ${s.cycles} cycles`;
  return undefined;
}

function findingHtml(f: Finding): SafeHtml {
  return html`<div class="finding ${f.severity}" data-finding="${f.kind}"><h4>${f.title}</h4>
<ul>${f.evidence.map((e) => html`<li>${e.label}: <strong>${e.value}</strong></li>`)}</ul>
<p class="remedy"><strong>Try:</strong> ${f.remedy}</p></div>`;
}

/** Findings per run (failure, instability, collapse of the posterior or of a layer, prior holes, blur, mode collapse, an ignored condition, too short to tell) with their evidence and remedies. */
export function diagnosisSection({ data }: SectionContext): Section {
  const configs = new ModelConfigs(data);
  const diagnosed = data.runs.map((r) => ({ run: r, findings: diagnoseReportRun(r, configs.of(r)) }));
  const flagged = diagnosed.filter((d) => d.findings.length > 0);
  const clean = diagnosed.length - flagged.length;
  return section('diagnosis', 'Diagnosis',
    'Automatic checks of each run against the thresholds documented in the reports README. Each finding lists the numbers behind it and what to try.',
    flagged.length === 0 ? html`<p>No findings in ${clean} runs.</p>` : html`${flagged.map(({ run, findings }) => html`<h3 id="diagnosis-run-${run.id}">Run #${run.id}: ${run.configLabel}, seed ${run.seed} <span class="status status-${run.status}">(${run.status})</span></h3>${findings.map(findingHtml)}`)}
<p class="note">${clean} other run${clean === 1 ? '' : 's'} without findings.</p>`);
}
