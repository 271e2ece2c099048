import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { FINAL_STATUSES } from '@vaelab/tracking';
import type { RunStatus, RunWithDetails } from '@vaelab/tracking';
import { DEFAULT_EXECUTOR, MAX_SWEEP_RUNS, ShardSpecError, SweepError, createProgressDisplay, datasetNames, describeEstimate, estimateSweepDuration, defaultStorePath, displayPath, prepareSweep, resolveShard, runSweep, shardRuns, variantCatalog } from '@vaelab/experiments';
import type { PreparedSweep, Shard, SweepResult, VariantCatalog } from '@vaelab/experiments';
import { UsageError, UserError, intFlag } from '../command.ts';
import type { Command, ParsedArgs } from '../command.ts';
import { commandSummaries } from './summaries.ts';
import { asUserError, openStoreFor } from '../store-access.ts';
import { pagesDirOption, reportAfterSweep } from './report.ts';

/** What an after-sweep hook receives. */
export interface AfterSweepContext {
  sweep: PreparedSweep;
  result: SweepResult;
  storePath: string;
  /** Folder for the session's pages (`--out`). @default next to the store: `reports/` for the default store */
  outDir?: string;
}

/** Runs once a sweep session ended (not after `--dry-run`); report rendering plugs in here. */
export type AfterSweepHook = (context: AfterSweepContext) => void | Promise<void>;

/** Hooks `vaelab sweep` calls after every session, in order. Register with `afterSweepHooks.push(hook)`. */
export const afterSweepHooks: AfterSweepHook[] = [reportAfterSweep]; // report: renders the sweep's page and the index next to the store

/** What `vaelab sweep` validates against and runs with. */
export interface SweepCommandDeps {
  /** Variant names and parameter validators. @default the catalog of `@vaelab/experiments` */
  catalog: VariantCatalog;
  /** Known dataset names. @default the dataset list of `@vaelab/experiments` */
  datasets: readonly string[];
  /** Executor module when `--executor` is not given. @default DEFAULT_EXECUTOR */
  executor: string;
  /** Called after a session. @default afterSweepHooks */
  afterSweep: readonly AfterSweepHook[];
  /** Where the progress display writes. @default process.stdout */
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/** The store file of a shard: `--db` (with `{shard}` and `{count}` filled in), else `.vaelab/runs.sqlite` or `.vaelab/runs.shard-i-of-N.sqlite`. */
export function shardStorePath(db: string | undefined, shard: Shard): string {
  if (db !== undefined) return resolve(db.replaceAll('{shard}', String(shard.index)).replaceAll('{count}', String(shard.count)));
  const path = defaultStorePath();
  return shard.count === 1 ? path : path.replace(/\.sqlite$/, `.shard-${shard.index}-of-${shard.count}.sqlite`);
}

/** `--dry-run`: the runs with their status in the store, then how long the ones to do would take on `workers` workers. */
function dryRun(sweep: PreparedSweep, shard: Shard, storePath: string, workers: number, catalog: VariantCatalog): void {
  const runs = shardRuns(sweep.runs, shard);
  const status = new Map<string, string>();
  let earlier: RunWithDetails[] = [];
  if (existsSync(storePath)) {
    const store = openStoreFor(storePath, { readonly: true });
    try {
      earlier = store.listRuns({ sweep: sweep.definition.name });
      for (const r of earlier) status.set(r.configHash, r.status);
    } finally {
      store.close();
    }
  }
  const rows = runs.map((r) => [String(r.index), r.variant, String(r.seed), r.configHash.slice(0, 12), status.get(r.configHash) ?? 'new', JSON.stringify(r.params)]);
  const head = ['#', 'variant', 'seed', 'config', 'status', 'params'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  for (const row of [head, ...rows]) console.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
  const todo = runs.filter((r) => !FINAL_STATUSES.includes((status.get(r.configHash) ?? 'scheduled') as RunStatus));
  console.log(`dry run: ${runs.length} runs of ${sweep.definition.name} [${sweep.profile}]${shard.count > 1 ? ` shard ${shard.index}/${shard.count}` : ''}, ${todo.length} to run; nothing was written (store: ${displayPath(storePath)})`);
  const toEstimate = todo.map((r) => ({ variant: r.variant, params: r.params, samples: catalog[r.variant]?.trainingSamples?.(r.params) }));
  console.log(describeEstimate(estimateSweepDuration(toEstimate, { workers, earlier })));
}

/**
 * Exit code of a session: 130 interrupted, 1 when a run failed or was left unfinished (the store
 * could not be written, a run's worker died more often than it is retried), else 0: diverged
 * runs are results, and a run completed by a replacement worker is complete.
 */
export function sweepExitCode(result: SweepResult): number {
  if (result.interrupted) return 130;
  const c = result.counts;
  return c.failed > 0 || c.interrupted > 0 || c.scheduled > 0 || c.running > 0 || result.storeFailure !== null ? 1 : 0;
}

/** Builds `vaelab sweep` with its dependencies (tests inject a catalog and executor). */
export function createSweepCommand(deps: Partial<SweepCommandDeps> = {}): Command {
  const command: Command = {
    name: 'sweep',
    summary: commandSummaries.sweep,
    usage: '<name|file>',
    options: {
      profile: { type: 'string', short: 'p', description: 'Profile of the sweep file to use', default: 'quick' },
      workers: { type: 'string', short: 'j', description: 'Worker processes', default: 'available CPUs' },
      db: { type: 'string', short: 'd', description: 'Store file ({shard} and {count} are filled in)', default: '.vaelab/runs.sqlite' },
      shard: { type: 'string', short: 's', description: 'Run only shard i of N (0-based), e.g. 1/4; also from SLURM arrays and indexed Jobs' },
      'shard-count': { type: 'string', description: 'Shard count with JOB_COMPLETION_INDEX (else VAELAB_SHARD_COUNT)' },
      executor: { type: 'string', short: 'e', description: 'Module exporting execute(spec, ctx)', default: 'the vaelab trainer' },
      out: pagesDirOption,
      'dry-run': { type: 'boolean', description: 'List the expanded runs and their status and estimate how long the rest take on --workers; train nothing, write nothing' },
    },
    async run(args: ParsedArgs): Promise<number> {
      if (args.positionals.length !== 1) throw new UsageError('vaelab sweep: give exactly one sweep name or file');
      const workers = intFlag(args, 'workers', 0, 1, 1024, 'more worker processes than a machine runs at once') || undefined;
      const shardCount = args.values['shard-count'] === undefined ? undefined : intFlag(args, 'shard-count', 1, 1, MAX_SWEEP_RUNS.max, 'more shards than a sweep may have runs');
      let shard: Shard;
      try {
        shard = resolveShard({ flag: args.values.shard as string | undefined, count: shardCount });
      } catch (error) {
        if (error instanceof ShardSpecError) throw new UsageError(error.message);
        throw error;
      }
      const executor = resolve(String(args.values.executor ?? deps.executor ?? DEFAULT_EXECUTOR));
      if (!existsSync(executor)) throw new UsageError(`--executor: no such module ${executor}`);
      let sweep: PreparedSweep;
      try {
        sweep = await prepareSweep(args.positionals[0], {
          catalog: deps.catalog ?? variantCatalog,
          datasets: deps.datasets ?? datasetNames,
          profile: String(args.values.profile ?? 'quick'),
        });
      } catch (error) {
        if (error instanceof SweepError) throw new UserError(error.message, 2);
        throw error;
      }
      for (const notice of sweep.notices) console.error(`vaelab sweep: ${notice}`);
      const storePath = shardStorePath(args.values.db as string | undefined, shard);
      if (args.values['dry-run']) {
        dryRun(sweep, shard, storePath, workers ?? availableParallelism(), deps.catalog ?? variantCatalog);
        return 0;
      }
      const display = createProgressDisplay({ stream: deps.output ?? process.stdout });
      let result: SweepResult;
      try {
        result = await runSweep({ sweep, storePath, workers, shard, executor, onProgress: display.onEvent });
      } catch (error) {
        throw asUserError(error);
      } finally {
        display.stop();
      }
      const outDir = args.values.out === undefined ? undefined : resolve(String(args.values.out));
      for (const hook of deps.afterSweep ?? afterSweepHooks) await hook({ sweep, result, storePath, ...(outDir === undefined ? {} : { outDir }) });
      console.log(`store: ${displayPath(result.storePath)}`);
      return sweepExitCode(result);
    },
  };
  return command;
}

/** `vaelab sweep`. */
export const sweepCommand: Command = createSweepCommand();
