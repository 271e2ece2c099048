import { execFileSync, fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { defaultStorePath, findRepoRoot } from '../paths.ts';
import { WHOLE, inShard, shardLabel } from '../shard.ts';
import type { Shard } from '../shard.ts';
import { ExperimentStore, isStorageError, reserveSpace, storeErrorFrom } from '@vaelab/tracking';
import { FINAL_STATUSES, RUN_STATUSES } from '@vaelab/tracking';
import type { RunStatus } from '@vaelab/tracking';
import type { ExpandedRun } from '../sweep/expand.ts';
import type { PreparedSweep } from '../sweep/validate.ts';
import { DEFAULT_EXECUTOR } from './entry-points.ts';
import type { SweepEvent, SweepResult } from './events.ts';
import { runLabels } from './labels.ts';
import { observedMeasureShare } from './estimate.ts';
import { superviseWorkers } from './supervise.ts';
import type { SessionOutcome, StoreHandle } from './supervise.ts';

export { DEFAULT_EXECUTOR };

/** Options of `runSweep`. */
export interface RunSweepOptions {
  /** A validated, expanded sweep (from `prepareSweep` or `validateSweep`). */
  sweep: PreparedSweep;
  /** Store file. @default `.vaelab/runs.sqlite` at the repository root */
  storePath?: string;
  /** Worker processes, capped at the number of runs to execute. @default os.availableParallelism() */
  workers?: number;
  /** The part of the runs this process owns. @default the whole sweep */
  shard?: Shard;
  /** Module exporting `execute(spec, ctx)`. @default DEFAULT_EXECUTOR */
  executor?: string;
  /** Receives every session event (progress display, logs). @default none */
  onProgress?: (event: SweepEvent) => void;
  /** Stop on SIGINT/SIGTERM of this process: workers abort, running runs become `interrupted`. @default true */
  handleSignals?: boolean;
  /** Aborting it stops the session like a signal. @default none */
  signal?: AbortSignal;
  /** How long stopped workers may take before they are killed, in milliseconds. @default 10000 */
  graceMs?: number;
  /** Minimum interval between progress events of one run, in milliseconds. @default 200 */
  progressIntervalMs?: number;
  /** Times a run is retried within the session after the worker running it died (SIGKILL, out of memory). @default 2 */
  crashRetries?: number;
}

/** The runs of a shard, in expansion order. */
export function shardRuns(runs: readonly ExpandedRun[], shard: Shard = WHOLE): ExpandedRun[] {
  return runs.filter((run) => inShard(run.configHash, shard));
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: findRepoRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Runs a shard of a sweep: repairs runs left `running` by dead processes, schedules the
 * shard's runs (new config hashes only), puts interrupted ones back in the queue, and executes
 * every run not yet final in `workers` forked processes that claim runs from the store. A
 * failed or diverged run is recorded and the sweep goes on; a run whose worker died is retried
 * (`crashRetries`); when the store cannot be written the session stops and its unfinished runs
 * are left `interrupted`, to be redone on the next start.
 */
export async function runSweep(options: RunSweepOptions): Promise<SweepResult> {
  const started = Date.now();
  const { sweep } = options;
  const emit = options.onProgress ?? (() => {});
  const shard = options.shard ?? WHOLE;
  const runs = shardRuns(sweep.runs, shard);
  const labels = runLabels(sweep.runs);
  const store = ExperimentStore.open(options.storePath ?? defaultStorePath());
  const handle: StoreHandle = { store, reserve: reserveSpace(store.path) };
  try {
    let runIds: number[];
    try {
      store.repair();
      store.upsertSweep({ name: sweep.definition.name, definition: JSON.parse(JSON.stringify(sweep.definition)), file: sweep.file ?? null });
      runIds = store.scheduleRuns(sweep.definition.name, runs.map((r) => ({ ...r, ordinal: r.index }))).runIds;
      store.requeueInterrupted(runIds);
    } catch (error) {
      // Nothing has run yet: a store that cannot take the schedule is a bad store, named in one line.
      throw isStorageError(error) ? storeErrorFrom(store.path, error) : error;
    }
    const before = store.listRunRecords({ ids: runIds });
    const pending = before.filter((r) => r.status === 'scheduled').length;
    const skipped = before.filter((r) => FINAL_STATUSES.includes(r.status)).length;
    const labelOf = new Map(before.map((r) => [r.id, labels.get(r.configHash) ?? `#${r.id}`]));
    const workerCount = Math.max(0, Math.min(options.workers ?? availableParallelism(), pending));
    emit({
      type: 'start', sweep: sweep.definition.name, profile: sweep.profile, shard: shardLabel(shard), total: runs.length,
      skipped, pending, workers: workerCount, storePath: store.path, measureShare: observedMeasureShare(store.listRuns({ sweep: sweep.definition.name })),
    });
    const session: SessionOutcome = workerCount > 0
      ? await superviseWorkers(handle, {
        sweep, executor: resolve(options.executor ?? DEFAULT_EXECUTOR), runIds, labelOf, workerCount, emit, gitCommit: gitCommit(),
        handleSignals: options.handleSignals ?? true, signal: options.signal, graceMs: options.graceMs ?? 10_000,
        progressIntervalMs: options.progressIntervalMs ?? 200, crashRetries: options.crashRetries ?? 2,
      })
      : { interrupted: false, workerCrashes: 0, retried: [], storeFailure: null };

    const after = handle.store.listRunRecords({ ids: runIds });
    const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    for (const r of after) counts[r.status]++;
    const result: SweepResult = {
      storePath: handle.store.path, sweep: sweep.definition.name, profile: sweep.profile, total: runs.length,
      skipped, pending, counts,
      problems: after.filter((r) => r.status !== 'completed').map((r) => ({
        runId: r.id, label: labelOf.get(r.id)!, status: r.status, error: r.error, divergedStep: r.divergedStep,
      })),
      ...session, durationMs: Date.now() - started,
    };
    emit({ type: 'end', result });
    return result;
  } finally {
    handle.store.close();
    handle.reserve.release();
  }
}
