import { execFileSync, fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { defaultStorePath, findRepoRoot } from '../paths.ts';
import { WHOLE, inShard, shardLabel } from '../shard.ts';
import type { Shard } from '../shard.ts';
import { ExperimentStore } from '@vaelab/tracking';
import { FINAL_STATUSES, RUN_STATUSES } from '@vaelab/tracking';
import type { RunStatus } from '@vaelab/tracking';
import type { ExpandedRun } from '../sweep/expand.ts';
import type { PreparedSweep } from '../sweep/validate.ts';
import { DEFAULT_EXECUTOR, WORKER_ENTRY, workerExecArgv } from './entry-points.ts';
import type { SweepEvent, SweepResult } from './events.ts';
import { runLabels } from './labels.ts';
import type { ParentMessage, WorkerMessage } from './protocol.ts';

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
 * failed or diverged run is recorded and the sweep goes on.
 */
export async function runSweep(options: RunSweepOptions): Promise<SweepResult> {
  const started = Date.now();
  const { sweep } = options;
  const emit = options.onProgress ?? (() => {});
  const shard = options.shard ?? WHOLE;
  const runs = shardRuns(sweep.runs, shard);
  const labels = runLabels(sweep.runs);
  const store = ExperimentStore.open(options.storePath ?? defaultStorePath());
  try {
    store.repair();
    store.upsertSweep({ name: sweep.definition.name, definition: JSON.parse(JSON.stringify(sweep.definition)), file: sweep.file ?? null });
    const { runIds } = store.scheduleRuns(sweep.definition.name, runs.map((r) => ({ ...r, ordinal: r.index })));
    store.requeueInterrupted(runIds);
    const before = store.listRunRecords({ ids: runIds });
    const pending = before.filter((r) => r.status === 'scheduled').length;
    const skipped = before.filter((r) => FINAL_STATUSES.includes(r.status)).length;
    const labelOf = new Map(before.map((r) => [r.id, labels.get(r.configHash) ?? `#${r.id}`]));
    const workerCount = Math.max(0, Math.min(options.workers ?? availableParallelism(), pending));
    emit({
      type: 'start', sweep: sweep.definition.name, profile: sweep.profile, shard: shardLabel(shard), total: runs.length,
      skipped, pending, workers: workerCount, storePath: store.path,
    });
    const session = workerCount > 0
      ? await superviseWorkers(store, { ...options, runIds, labelOf, workerCount, emit })
      : { interrupted: false, workerCrashes: 0 };

    const after = store.listRunRecords({ ids: runIds });
    const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    for (const r of after) counts[r.status]++;
    const result: SweepResult = {
      storePath: store.path, sweep: sweep.definition.name, profile: sweep.profile, total: runs.length,
      skipped, pending, counts,
      problems: after.filter((r) => r.status !== 'completed').map((r) => ({
        runId: r.id, label: labelOf.get(r.id)!, status: r.status, error: r.error, divergedStep: r.divergedStep,
      })),
      ...session, durationMs: Date.now() - started,
    };
    emit({ type: 'end', result });
    return result;
  } finally {
    store.close();
  }
}

interface Supervision extends RunSweepOptions {
  runIds: number[];
  labelOf: Map<number, string>;
  workerCount: number;
  emit: (event: SweepEvent) => void;
}

/** Forks the workers, relays their messages, handles signals and crashes; resolves when all exited. */
function superviseWorkers(store: ExperimentStore, o: Supervision): Promise<{ interrupted: boolean; workerCrashes: number }> {
  const executor = resolve(o.executor ?? DEFAULT_EXECUTOR);
  const commit = gitCommit();
  const execArgv = workerExecArgv(executor);
  const graceMs = o.graceMs ?? 10_000;
  const current = new Map<string, number | undefined>();
  const children = new Map<string, ChildProcess>();
  let interrupted = false;
  let workerCrashes = 0;
  let spawned = 0;
  let killTimer: NodeJS.Timeout | undefined;

  return new Promise((resolveSession) => {
    const spawn = (): void => {
      const workerId = `w${++spawned}`;
      const child = fork(WORKER_ENTRY, [], { execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' });
      children.set(workerId, child);
      current.set(workerId, undefined);
      for (const stream of [child.stdout, child.stderr]) {
        let buffer = '';
        stream?.setEncoding('utf8');
        stream?.on('data', (chunk: string) => {
          buffer += chunk;
          const lines = buffer.split('\n');
          buffer = lines.pop()!;
          for (const text of lines) if (text.trim()) o.emit({ type: 'log', workerId, text });
        });
      }
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'started') {
          current.set(workerId, message.runId);
          o.emit({ type: 'run-start', runId: message.runId, workerId, label: o.labelOf.get(message.runId)! });
        } else if (message.type === 'progress') {
          o.emit({ type: 'run-progress', workerId, runId: message.runId, step: message.step, totalSteps: message.totalSteps, loss: message.loss });
        } else if (message.type === 'finished') {
          current.set(workerId, undefined);
          o.emit({ type: 'run-end', workerId, runId: message.runId, label: o.labelOf.get(message.runId)!, status: message.status,
            error: message.error, step: message.step, durationMs: message.durationMs });
        } else if (message.type === 'fatal') {
          o.emit({ type: 'log', workerId, text: `worker failed: ${message.error}` });
        }
      });
      child.on('close', (code, signal) => {
        const runId = current.get(workerId);
        children.delete(workerId);
        current.delete(workerId);
        const expected = code === 0 || interrupted;
        if (runId !== undefined) {
          const reason = interrupted ? 'interrupted by a stop request' : `worker ${workerId} (pid ${child.pid}) exited with ${signal ?? `code ${code}`}`;
          if (store.markInterrupted([runId], reason) === 1) o.emit({ type: 'run-end', workerId, runId, label: o.labelOf.get(runId)!, status: 'interrupted', error: reason, durationMs: 0 });
        }
        o.emit({ type: 'worker-exit', workerId, code, signal, expected });
        if (!expected) {
          workerCrashes++;
          // A worker that died in a run is replaced while work remains; one that died idle is not (it would die again).
          if (runId !== undefined && store.listRunRecords({ ids: o.runIds, status: 'scheduled' }).length > 0) spawn();
        }
        if (children.size === 0) finish();
      });
      child.send({
        type: 'init', storePath: store.path, executor, workerId, runIds: o.runIds, metrics: o.sweep.metrics,
        gitCommit: commit, progressIntervalMs: o.progressIntervalMs ?? 200,
      } satisfies ParentMessage);
    };

    const stop = (reason: string): void => {
      if (interrupted) {
        for (const child of children.values()) child.kill('SIGKILL');
        return;
      }
      interrupted = true;
      o.emit({ type: 'interrupt', signal: reason });
      for (const child of children.values()) if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
      killTimer = setTimeout(() => {
        for (const child of children.values()) child.kill('SIGKILL');
      }, graceMs);
    };
    const onSignal = (signal: NodeJS.Signals): void => stop(signal);
    const onAbort = (): void => stop('abort');
    const handleSignals = o.handleSignals ?? true;
    if (handleSignals) {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    o.signal?.addEventListener('abort', onAbort);

    const finish = (): void => {
      if (killTimer) clearTimeout(killTimer);
      if (handleSignals) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      o.signal?.removeEventListener('abort', onAbort);
      store.repair();
      resolveSession({ interrupted, workerCrashes });
    };

    for (let i = 0; i < o.workerCount; i++) spawn();
    if (o.signal?.aborted) stop('abort');
  });
}
