import type { RunStatus } from '@vaelab/tracking';
import type { RunProgress } from './types.ts';

/** Sent once by the parent right after forking a worker. */
export interface WorkerInit {
  type: 'init';
  storePath: string;
  /** Absolute path of the executor module. */
  executor: string;
  workerId: string;
  /** The runs this session may claim. */
  runIds: number[];
  /** Metric groups of the sweep (after profile overrides). */
  metrics: string[];
  gitCommit: string | null;
  /** Minimum interval between two progress messages of one run. */
  progressIntervalMs: number;
}

/** Parent → worker. */
export type ParentMessage = WorkerInit | { type: 'stop' };

/** Worker → parent. */
export type WorkerMessage =
  | { type: 'started'; runId: number }
  | ({ type: 'progress'; runId: number } & RunProgress)
  | { type: 'finished'; runId: number; status: Exclude<RunStatus, 'scheduled' | 'running'>; error?: string; step?: number; durationMs: number }
  /** The store could not be written (full disk, I/O error): the worker stops taking runs. */
  | { type: 'store-failed'; error: string }
  | { type: 'fatal'; error: string };

/** The error text of a run that ended because its results could not be stored. */
export function storeLost(reason: string): string {
  return `interrupted: the store could not be written (${reason}); redone on the next start`;
}
