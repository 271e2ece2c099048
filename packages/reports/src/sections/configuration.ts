import type { JsonValue } from '@vaelab/tracking';
import { formatMs, formatTime, readableJson } from '../format.ts';
import { html } from '../html.ts';
import { ModelConfigs } from '../model-settings.ts';
import type { ModelConfig } from '../model-settings.ts';
import type { ReportRun, SweepData } from '../sweep-data.ts';
import { section } from './context.ts';
import type { Section, SectionContext } from './context.ts';

const distinct = (values: readonly (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null && v !== ''))];
const isRecord = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What ran, read from the runs themselves: the sweep definition after its profile was applied. */
export interface RanConfiguration {
  profiles: string[];
  dataset: string[];
  variants: string[];
  seeds: number[];
  /** Parameters every run had with the same value (the resolved `base`). */
  base: Record<string, JsonValue>;
  /** Parameters that differ between runs, with their values in first-seen order (the resolved grid). */
  grid: Record<string, JsonValue[]>;
  /** Metric groups of the profile that ran, from the definition. */
  metrics?: JsonValue;
}

/**
 * The configuration that ran, rebuilt from the runs' recorded parameters, seeds and profile,
 * so that it is the profile's values (a quick profile's 1,500 steps), not the full protocol the
 * sweep file writes first. The metric groups come from the definition's profile entry.
 */
export function ranConfiguration(data: Pick<SweepData, 'runs' | 'sweep' | 'variants' | 'swept'>): RanConfiguration {
  const runs = data.runs;
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].filter((k) => k !== 'seed').sort();
  const base: Record<string, JsonValue> = {}, grid: Record<string, JsonValue[]> = {};
  for (const key of keys) {
    const values = [...new Map(runs.filter((r) => key in r.params).map((r) => [JSON.stringify(r.params[key]), r.params[key]])).values()];
    if (data.swept.includes(key)) grid[key] = values;
    else base[key] = values[0];
  }
  const profiles = distinct(runs.map((r) => r.profile));
  const def = isRecord(data.sweep.definition) ? data.sweep.definition : {};
  const override = profiles.length === 1 && isRecord(def.profiles) && isRecord(def.profiles[profiles[0]]) ? def.profiles[profiles[0]] as Record<string, JsonValue> : {};
  const metrics = override.metrics ?? def.metrics;
  return {
    profiles, dataset: distinct(runs.map((r) => r.dataset)), variants: data.variants,
    seeds: [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b), base, grid, ...(metrics === undefined ? {} : { metrics }),
  };
}

/** The resolved model config of each variant (from its first checkpoint), defaults included. */
function modelSettings(data: SweepData): Record<string, ModelConfig> {
  const configs = new ModelConfigs(data);
  const out: Record<string, ModelConfig> = {};
  for (const variant of data.variants) {
    const run = data.runs.find((r: ReportRun) => r.variant === variant && configs.of(r) !== undefined);
    if (run) out[variant] = configs.of(run)!;
  }
  return out;
}

/** What ran (profile applied), the model settings it resolved to, dataset, backends, machines, commits, time; the sweep file as written last. */
export function configurationSection({ data }: SectionContext): Section {
  const { sweep, runs } = data;
  const starts = runs.map((r) => r.startedAt).filter((t): t is number => t !== null);
  const ends = runs.map((r) => r.endedAt).filter((t): t is number => t !== null);
  const wall = starts.length && ends.length ? Math.max(...ends) - Math.min(...starts) : null;
  const compute = runs.reduce((sum, r) => sum + (r.durationMs ?? 0), 0);
  const list = (values: string[]): string => (values.length ? values.join(', ') : 'not recorded');
  const description = isRecord(sweep.definition) ? sweep.definition.description : undefined;
  const ran = ranConfiguration(data);
  const settings = modelSettings(data);
  const profile = ran.profiles.length === 1 ? ran.profiles[0] : ran.profiles.join(' and ');
  return section('configuration', 'Configuration', typeof description === 'string' ? description : null,
    html`<dl class="facts">
<dt>Sweep file</dt><dd><code>${sweep.file ?? 'not recorded'}</code></dd>
<dt>Profile that ran</dt><dd>${profile || 'not recorded'}</dd>
<dt>Dataset</dt><dd>${list(ran.dataset)}</dd>
<dt>Variants</dt><dd>${list(data.variants)}</dd>
<dt>Swept parameters</dt><dd>${data.swept.length ? data.swept.join(', ') : 'none (seeds only)'}</dd>
<dt>Seeds</dt><dd>${ran.seeds.join(', ')}</dd>
<dt>Backends</dt><dd>${list(distinct(runs.map((r) => r.backend)))}</dd>
<dt>Machines</dt><dd>${list(distinct(runs.map((r) => r.host)))}</dd>
<dt>Git commits</dt><dd>${list(distinct(runs.map((r) => r.gitCommit?.slice(0, 12) ?? null)))}</dd>
<dt>Time taken</dt><dd>${formatMs(wall)} wall clock (${formatMs(compute)} of run time over ${runs.length} runs)</dd>
<dt>Created / updated</dt><dd>${formatTime(sweep.createdAt)} / ${formatTime(sweep.updatedAt)}</dd>
</dl>
<h3>Configuration that ran${profile ? ` (profile ${profile})` : ''}</h3>
<p class="note">Read from the runs: <code>base</code> holds what every run had, <code>grid</code> what varied.</p>
<pre class="json" id="configuration-ran">${readableJson(ran)}</pre>
${Object.keys(settings).length ? html`<h3>Model settings (resolved, defaults included)</h3>
<p class="note">From each variant's saved checkpoint: the model exactly as built, including every default the sweep did not set.</p>
<pre class="json" id="model-settings">${readableJson(settings)}</pre>` : ''}
<details><summary>The sweep file's definition as written (every profile)</summary>
<pre class="json">${readableJson(sweep.definition)}</pre></details>`);
}
