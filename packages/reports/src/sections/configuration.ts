import { formatMs, formatTime } from '../format.ts';
import { html } from '../html.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';

const distinct = (values: readonly (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null && v !== ''))];

/** The sweep definition as written, dataset, backends, machines, commits and time taken. */
export function configurationSection({ data }: SectionContext): Section {
  const { sweep, runs } = data;
  const starts = runs.map((r) => r.startedAt).filter((t): t is number => t !== null);
  const ends = runs.map((r) => r.endedAt).filter((t): t is number => t !== null);
  const wall = starts.length && ends.length ? Math.max(...ends) - Math.min(...starts) : null;
  const compute = runs.reduce((sum, r) => sum + (r.durationMs ?? 0), 0);
  const list = (values: string[]): string => (values.length ? values.join(', ') : 'not recorded');
  const description = typeof sweep.definition === 'object' && sweep.definition !== null && !Array.isArray(sweep.definition)
    ? sweep.definition.description : undefined;
  return section('configuration', 'Configuration', typeof description === 'string' ? description : null,
    html`<dl class="facts">
<dt>Sweep file</dt><dd>${sweep.file ?? 'not recorded'}</dd>
<dt>Dataset</dt><dd>${list(distinct(runs.map((r) => r.dataset)))}</dd>
<dt>Variants</dt><dd>${list(data.variants)}</dd>
<dt>Swept parameters</dt><dd>${data.swept.length ? data.swept.join(', ') : 'none (seeds only)'}</dd>
<dt>Profiles</dt><dd>${list(distinct(runs.map((r) => r.profile)))}</dd>
<dt>Backends</dt><dd>${list(distinct(runs.map((r) => r.backend)))}</dd>
<dt>Machines</dt><dd>${list(distinct(runs.map((r) => r.host)))}</dd>
<dt>Git commits</dt><dd>${list(distinct(runs.map((r) => r.gitCommit?.slice(0, 12) ?? null)))}</dd>
<dt>Time taken</dt><dd>${formatMs(wall)} wall clock (${formatMs(compute)} of run time over ${runs.length} runs)</dd>
<dt>Created / updated</dt><dd>${formatTime(sweep.createdAt)} / ${formatTime(sweep.updatedAt)}</dd>
</dl>
<h3>Sweep definition</h3>
<pre class="json">${JSON.stringify(sweep.definition, null, 2)}</pre>`);
}
