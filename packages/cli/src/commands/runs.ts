import { resolve } from 'node:path';
import { defaultStorePath, displayPath } from '@vaelab/experiments/paths';
import { formatDuration } from '@vaelab/experiments/progress';
import { RUN_STATUSES } from '@vaelab/tracking';
import type { RunStatus, RunWithDetails } from '@vaelab/tracking';
import { choiceFlag } from '../command.ts';
import type { Command, ParsedArgs } from '../command.ts';
import { commandSummaries } from './summaries.ts';
import { openStoreFor } from '../store-access.ts';

const number = (value: number): string => (Number.isInteger(value) ? String(value) : Number.isFinite(value) ? value.toPrecision(4) : String(value));
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** The runs as an aligned table: identity, status, the parameters that vary, and summaries. */
export function runsTable(runs: readonly RunWithDetails[], maxSummaries = 4): string {
  const varying = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort()
    .filter((key) => new Set(runs.map((r) => JSON.stringify(r.params[key]))).size > 1);
  const summaryKeys = [...new Set(runs.flatMap((r) => Object.keys(r.summaries)))].sort().slice(0, maxSummaries);
  const head = ['id', 'sweep', 'variant', 'seed', 'profile', 'status', 'time', ...varying, ...summaryKeys];
  const rows = runs.map((r) => [
    String(r.id), r.sweep, r.variant, String(r.seed), r.profile,
    r.status === 'diverged' && r.divergedStep !== null ? `diverged@${r.divergedStep}` : r.status,
    r.durationMs === null ? '' : formatDuration(r.durationMs),
    ...varying.map((k) => (k in r.params ? text(r.params[k]) : '')),
    ...summaryKeys.map((k) => (k in r.summaries ? number(r.summaries[k]) : '')),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  return [head, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

/** `vaelab runs`: lists the runs of a store. */
export const runsCommand: Command = {
  name: 'runs',
  summary: commandSummaries.runs,
  usage: '',
  options: {
    sweep: { type: 'string', short: 's', description: 'Only runs of this sweep' },
    status: { type: 'string', description: `Only runs in this status (${RUN_STATUSES.join(', ')})` },
    json: { type: 'boolean', description: 'Print JSON (runs with params and summaries) instead of a table' },
    db: { type: 'string', short: 'd', description: 'Store file', default: '.vaelab/runs.sqlite' },
  },
  async run(args: ParsedArgs): Promise<number> {
    const status = args.values.status === undefined ? undefined : choiceFlag<RunStatus>(args, 'status', RUN_STATUSES, 'scheduled');
    const path = args.values.db === undefined ? defaultStorePath() : resolve(String(args.values.db));
    const store = openStoreFor(path, { readonly: true });
    try {
      const runs = store.listRuns({ sweep: args.values.sweep as string | undefined, status });
      if (args.values.json) console.log(JSON.stringify(runs, null, 2));
      else if (runs.length === 0) console.log(`no runs${args.values.sweep ? ` of sweep ${String(args.values.sweep)}` : ''}${status ? ` with status ${status}` : ''} in ${displayPath(path)}`);
      else console.log(runsTable(runs));
    } finally {
      store.close();
    }
    return 0;
  },
};
