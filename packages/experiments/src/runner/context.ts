import type { ExperimentStore } from '@vaelab/tracking';
import type { SeriesEntry } from '@vaelab/tracking';
import type { RunContext, RunProgress } from './types.ts';

/** Options of `createRunContext`. */
export interface RunContextOptions {
  store: ExperimentStore;
  runId: number;
  signal: AbortSignal;
  /** Receives throttled progress. */
  onProgress: (info: RunProgress) => void;
  /** Buffered series points that trigger a write. @default 500 */
  flushPoints?: number;
  /** Longest time points stay buffered, in milliseconds. @default 2000 */
  flushIntervalMs?: number;
  /** Minimum interval between two progress reports. @default 200 */
  progressIntervalMs?: number;
}

/** A `RunContext` writing to the store, plus what the worker needs to finish the run. */
export interface LiveRunContext {
  ctx: RunContext;
  /** Series points not yet written (for `finishRun`). */
  takePending(): SeriesEntry[];
  /** Summaries set so far. */
  summaries(): Record<string, number>;
  /** The last step seen in `logSeries` or `progress`. */
  lastStep(): number;
}

/** Builds the context an executor runs with: series batched into transactions, summaries held until the end. */
export function createRunContext(options: RunContextOptions): LiveRunContext {
  const { store, runId } = options;
  const flushPoints = options.flushPoints ?? 500;
  const flushInterval = options.flushIntervalMs ?? 2000;
  const progressInterval = options.progressIntervalMs ?? 200;
  let pending: SeriesEntry[] = [];
  let lastFlush = Date.now();
  let lastProgress = 0;
  let step = 0;
  const summaries: Record<string, number> = {};

  const ctx: RunContext = {
    logSeries(at, values) {
      step = Math.max(step, at);
      for (const [key, value] of Object.entries(values)) pending.push({ key, step: at, value });
      if (pending.length >= flushPoints || Date.now() - lastFlush >= flushInterval) {
        store.logSeries(runId, pending);
        pending = [];
        lastFlush = Date.now();
      }
    },
    setSummaries(values) {
      Object.assign(summaries, values);
    },
    addArtifact(name, kind, mime, bytes) {
      store.addArtifact(runId, { name, kind, mime, bytes });
    },
    progress(info) {
      step = Math.max(step, info.step);
      const now = Date.now();
      if (now - lastProgress >= progressInterval || info.step >= info.totalSteps) {
        lastProgress = now;
        options.onProgress(info);
      }
    },
    setBackend(name) {
      store.setBackend(runId, name);
    },
    signal: options.signal,
  };
  return {
    ctx,
    takePending: () => {
      const out = pending;
      pending = [];
      return out;
    },
    summaries: () => ({ ...summaries }),
    lastStep: () => step,
  };
}
