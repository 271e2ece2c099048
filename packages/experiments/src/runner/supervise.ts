import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { ExperimentStore, isStorageError } from '@vaelab/tracking';
import type { SpaceReserve } from '@vaelab/tracking';
import type { PreparedSweep } from '../sweep/validate.ts';
import { WORKER_ENTRY, workerExecArgv } from './entry-points.ts';
import type { RetriedRun, SweepEvent } from './events.ts';
import { storeLost } from './protocol.ts';
import type { ParentMessage, WorkerMessage } from './protocol.ts';

/** The session's connection to the store (replaced by a fresh one when a write failed) and the space held in reserve beside it. */
export interface StoreHandle {
  store: ExperimentStore;
  reserve: SpaceReserve;
}

/** What `superviseWorkers` needs from `runSweep`. */
export interface Supervision {
  sweep: PreparedSweep;
  executor: string;
  runIds: number[];
  labelOf: Map<number, string>;
  workerCount: number;
  emit: (event: SweepEvent) => void;
  gitCommit: string | null;
  handleSignals: boolean;
  signal?: AbortSignal;
  graceMs: number;
  progressIntervalMs: number;
  /** Times one run is retried after the worker running it died. */
  crashRetries: number;
}

/** How a session of workers ended. */
export interface SessionOutcome {
  interrupted: boolean;
  workerCrashes: number;
  retried: RetriedRun[];
  /** Why the store could not be written, when it could not; the session stopped then. */
  storeFailure: string | null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Forks the workers, relays their messages, handles signals and crashes; resolves when all
 * exited. A run whose worker died is put back in the queue and taken by a replacement worker,
 * at most `crashRetries` times. When the store cannot be written (full disk, I/O error) the
 * session stops: no more runs are started, and the runs under way become `interrupted`, to be
 * redone on the next start; the parent itself never dies of it.
 */
export function superviseWorkers(handle: StoreHandle, o: Supervision): Promise<SessionOutcome> {
  const execArgv = workerExecArgv(o.executor);
  const current = new Map<string, { runId: number; startedAt: number } | undefined>();
  const children = new Map<string, ChildProcess>();
  const crashes = new Map<number, number>();
  const outcome: SessionOutcome = { interrupted: false, workerCrashes: 0, retried: [], storeFailure: null };
  let stopping = false;
  let spawned = 0;
  let killTimer: NodeJS.Timeout | undefined;

  return new Promise((resolveSession) => {
    /** Runs a store write; a storage error stops the session instead of killing this process. */
    const write = <T>(fn: (store: ExperimentStore) => T): T | undefined => {
      try {
        return fn(handle.store);
      } catch (error) {
        if (!isStorageError(error)) throw error;
        halt(messageOf(error));
        return undefined;
      }
    };

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
          current.set(workerId, { runId: message.runId, startedAt: Date.now() });
          o.emit({ type: 'run-start', runId: message.runId, workerId, label: o.labelOf.get(message.runId)! });
        } else if (message.type === 'progress') {
          const { type: _, ...progress } = message;
          o.emit({ type: 'run-progress', workerId, ...progress });
        } else if (message.type === 'finished') {
          current.set(workerId, undefined);
          o.emit({ type: 'run-end', workerId, runId: message.runId, label: o.labelOf.get(message.runId)!, status: message.status,
            error: message.error, step: message.step, durationMs: message.durationMs });
        } else if (message.type === 'store-failed') {
          halt(message.error);
        } else if (message.type === 'fatal') {
          o.emit({ type: 'log', workerId, text: `worker failed: ${message.error}` });
        }
      });
      child.on('close', (code, signal) => {
        const running = current.get(workerId);
        children.delete(workerId);
        current.delete(workerId);
        const expected = code === 0 || stopping;
        if (running !== undefined) {
          const { runId, startedAt } = running;
          const reason = outcome.interrupted ? 'interrupted by a stop request'
            : outcome.storeFailure !== null ? storeLost(outcome.storeFailure)
            : `worker ${workerId} (pid ${child.pid}) exited with ${signal ?? `code ${code}`}`;
          if (write((store) => store.markInterrupted([runId], reason)) === 1) {
            o.emit({ type: 'run-end', workerId, runId, label: o.labelOf.get(runId)!, status: 'interrupted', error: reason, durationMs: Date.now() - startedAt });
          }
          if (!expected) retry(runId, reason, workerId);
        }
        o.emit({ type: 'worker-exit', workerId, code, signal, expected });
        if (!expected) {
          outcome.workerCrashes++;
          // A worker that died in a run is replaced while work remains; one that died idle is not (it would die again).
          if (running !== undefined && !stopping && handle.store.listRunRecords({ ids: o.runIds, status: 'scheduled' }).length > 0) spawn();
        }
        if (children.size === 0) finish();
      });
      child.send({
        type: 'init', storePath: handle.store.path, executor: o.executor, workerId, runIds: o.runIds, metrics: o.sweep.metrics,
        gitCommit: o.gitCommit, progressIntervalMs: o.progressIntervalMs,
      } satisfies ParentMessage);
    };

    /** Puts a run whose worker died back in the queue, unless it already used its retries. */
    const retry = (runId: number, reason: string, workerId: string): void => {
      const used = crashes.get(runId) ?? 0;
      if (stopping || used >= o.crashRetries) return;
      if (write((store) => store.requeueInterrupted([runId])) !== 1) return;
      crashes.set(runId, used + 1);
      const label = o.labelOf.get(runId)!;
      const entry = outcome.retried.find((r) => r.runId === runId);
      if (entry) entry.retries = used + 1;
      else outcome.retried.push({ runId, label, retries: 1, reason });
      o.emit({ type: 'run-retry', runId, workerId, label, attempt: used + 2, reason });
    };

    /** Stops the workers gracefully: their runs end `interrupted` and nothing new starts. */
    const stopWorkers = (): void => {
      stopping = true;
      for (const child of children.values()) if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
      killTimer ??= setTimeout(() => {
        for (const child of children.values()) child.kill('SIGKILL');
      }, o.graceMs);
    };

    /** The store cannot be written: stop the session (once), keeping the first reason. */
    function halt(reason: string): void {
      if (outcome.storeFailure !== null) return;
      outcome.storeFailure = reason;
      // Give the disk back the reserve, so that the runs under way can still be recorded as interrupted.
      handle.reserve.release();
      o.emit({ type: 'store-failed', error: reason });
      stopWorkers();
    }

    const stop = (reason: string): void => {
      if (outcome.interrupted) {
        for (const child of children.values()) child.kill('SIGKILL');
        return;
      }
      outcome.interrupted = true;
      o.emit({ type: 'interrupt', signal: reason });
      stopWorkers();
    };
    const onSignal = (signal: NodeJS.Signals): void => stop(signal);
    const onAbort = (): void => stop('abort');
    if (o.handleSignals) {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    o.signal?.addEventListener('abort', onAbort);

    const finish = (): void => {
      if (killTimer) clearTimeout(killTimer);
      if (o.handleSignals) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      o.signal?.removeEventListener('abort', onAbort);
      settle(handle, outcome, o.emit);
      resolveSession(outcome);
    };

    for (let i = 0; i < o.workerCount; i++) spawn();
    if (o.signal?.aborted) stop('abort');
  });
}

/**
 * Leaves no run of the session `running` once every worker is gone. When the store could not be
 * written, the connection is closed and opened again first: with the workers' connections gone,
 * closing the last one lets SQLite fold the write-ahead log back and delete it, which is often
 * the room the final bookkeeping needs. If even that fails, the next start repairs the runs.
 */
function settle(handle: StoreHandle, outcome: SessionOutcome, emit: Supervision['emit']): void {
  // Every worker of this session is gone, so repair() interrupts whatever run they left running.
  const markAll = (store: ExperimentStore): void => void store.repair();
  try {
    markAll(handle.store);
    return;
  } catch (error) {
    if (!isStorageError(error)) throw error;
    outcome.storeFailure ??= messageOf(error);
  }
  handle.reserve.release();
  const path = handle.store.path;
  handle.store.close();
  try {
    handle.store = ExperimentStore.open(path);
    markAll(handle.store);
  } catch (error) {
    emit({ type: 'log', workerId: 'sweep', text: `the store could not be written even after the workers stopped (${messageOf(error)}); the next start repairs its runs` });
    if (!handle.store.db.open) handle.store = ExperimentStore.open(path, { readonly: true });
  }
}
