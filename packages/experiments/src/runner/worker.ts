import { pathToFileURL } from 'node:url';
import { ExperimentStore, isStorageError } from '@vaelab/tracking';
import type { RunWithDetails } from '@vaelab/tracking';
import { createRunContext } from './context.ts';
import { storeLost } from './protocol.ts';
import type { ParentMessage, WorkerInit, WorkerMessage } from './protocol.ts';
import type { ExecutorModule, RunOutcome, RunSpec } from './types.ts';

/**
 * Worker process entry (forked by `runSweep`; with tsx loaded when it or its executor is TypeScript): claims runs from the store one at
 * a time, executes them with the executor module and records how each ended. A `stop` message,
 * SIGINT, SIGTERM or the parent going away aborts the current run, which becomes `interrupted`.
 * So does a store that cannot be written (full disk, I/O error); the worker then stops.
 */
const abort = new AbortController();
/** Why the worker is stopping, recorded as the error text of an interrupted run. */
let stopReason = 'interrupted by a stop request';
const stop = (reason: string): void => {
  if (!abort.signal.aborted) stopReason = reason;
  abort.abort();
};
/** Sends to the parent; resolves once the message is handed to the channel (so exiting after it loses nothing). */
const send = (message: WorkerMessage): Promise<void> =>
  new Promise((done) => {
    if (!process.connected) return done();
    process.send!(message, undefined, {}, () => done());
  });

process.on('SIGINT', () => stop('interrupted by SIGINT'));
process.on('SIGTERM', () => stop('interrupted by SIGTERM'));
process.on('disconnect', () => {
  // The parent is gone: stop the run; if the executor ignores the signal, do not linger as an orphan.
  stop('interrupted: the sweep process ended');
  setTimeout(() => process.exit(1), 30_000).unref();
});
process.on('message', (message: ParentMessage) => {
  if (message.type === 'stop') stop('interrupted by a stop request');
  else if (message.type === 'init') {
    work(message).then(
      () => process.exit(0),
      async (error: unknown) => {
        await send({ type: 'fatal', error: error instanceof Error ? error.stack ?? error.message : String(error) });
        process.exit(1);
      },
    );
  }
});

function isOutcome(value: unknown): value is RunOutcome {
  const v = value as { status?: unknown; step?: unknown } | null;
  return v !== null && typeof v === 'object' && (v.status === 'completed' || (v.status === 'diverged' && typeof v.step === 'number'));
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function work(init: WorkerInit): Promise<void> {
  const mod = (await import(pathToFileURL(init.executor).href)) as Partial<ExecutorModule>;
  if (typeof mod.execute !== 'function') throw new Error(`${init.executor} does not export an execute(spec, ctx) function`);
  let store: ExperimentStore;
  try {
    store = ExperimentStore.open(init.storePath);
  } catch (error) {
    return send({ type: 'store-failed', error: messageOf(error) });
  }
  try {
    while (!abort.signal.aborted) {
      let run: RunWithDetails | undefined;
      try {
        run = store.claimNext({ runIds: init.runIds, statuses: ['scheduled'], workerId: init.workerId, gitCommit: init.gitCommit });
      } catch (error) {
        if (!isStorageError(error)) throw error;
        return await send({ type: 'store-failed', error: messageOf(error) });
      }
      if (!run) break;
      const storeFailure = await executeRun(store, run, mod.execute, init);
      // The disk is full or failing: every further run would end the same way, so take none.
      if (storeFailure !== undefined) return await send({ type: 'store-failed', error: storeFailure });
    }
  } finally {
    store.close();
  }
}

/** Executes one run and records how it ended; returns why the store could not be written, if it could not. */
async function executeRun(store: ExperimentStore, run: RunWithDetails, execute: ExecutorModule['execute'], init: WorkerInit): Promise<string | undefined> {
  const started = Date.now();
  void send({ type: 'started', runId: run.id });
  // Each run gets its own signal, so listeners an executor leaves on it end with the run.
  const runAbort = new AbortController();
  const onStop = (): void => runAbort.abort();
  abort.signal.addEventListener('abort', onStop, { once: true });
  if (abort.signal.aborted) runAbort.abort();
  const live = createRunContext({
    store,
    runId: run.id,
    signal: runAbort.signal,
    progressIntervalMs: init.progressIntervalMs,
    onProgress: (info) => void send({ type: 'progress', runId: run.id, ...info }),
  });
  const spec: RunSpec = {
    runId: run.id, sweep: run.sweep, configHash: run.configHash, variant: run.variant, dataset: run.dataset,
    params: run.params, seed: run.seed, profile: run.profile, metrics: [...init.metrics],
  };
  let status: 'completed' | 'failed' | 'diverged' | 'interrupted';
  let error: string | undefined;
  let step: number | undefined;
  let storeFailure: string | undefined;
  try {
    const outcome: unknown = await execute(spec, live.ctx);
    if (abort.signal.aborted) status = 'interrupted';
    else if (!isOutcome(outcome)) {
      status = 'failed';
      error = `executor returned ${JSON.stringify(outcome)}; expected { status: 'completed' } or { status: 'diverged', step, message }`;
    } else if (outcome.status === 'diverged') {
      status = 'diverged';
      step = outcome.step;
      error = outcome.message;
    } else status = 'completed';
  } catch (thrown) {
    // A run whose results could not be stored did not fail: it is redone on the next start.
    if (isStorageError(thrown)) storeFailure = messageOf(thrown);
    status = abort.signal.aborted || storeFailure !== undefined ? 'interrupted' : 'failed';
    error = messageOf(thrown);
  }
  abort.signal.removeEventListener('abort', onStop);
  if (status === 'interrupted') error = storeFailure === undefined ? stopReason : storeLost(storeFailure);
  try {
    const keep = storeFailure === undefined;
    store.finishRun(run.id, { status, error, divergedStep: step ?? null, series: keep ? live.takePending() : [], summaries: keep ? live.summaries() : {} });
  } catch (thrown) {
    if (!isStorageError(thrown)) throw thrown;
    storeFailure ??= messageOf(thrown);
    status = 'interrupted';
    error = storeLost(storeFailure);
    try {
      store.markInterrupted([run.id], error);
    } catch {
      // Not even this fits: the parent marks the run once this worker is gone, or the next start repairs it.
    }
  }
  await send({ type: 'finished', runId: run.id, status, error, step, durationMs: Date.now() - started });
  return storeFailure;
}
