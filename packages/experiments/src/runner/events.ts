import type { RunStatus } from '@vaelab/tracking';
import type { RunProgress } from './types.ts';

/** A run that did not complete, for the end-of-sweep summary. */
export interface RunProblem {
  runId: number;
  label: string;
  status: RunStatus;
  error: string | null;
  divergedStep: number | null;
}

/** A run put back in the queue after the worker running it died. */
export interface RetriedRun {
  runId: number;
  label: string;
  /** Times it was retried in this session. */
  retries: number;
  /** How the first worker running it ended. */
  reason: string;
}

/** What a sweep did, returned by `runSweep`. */
export interface SweepResult {
  storePath: string;
  sweep: string;
  profile: string;
  /** Runs of this shard. */
  total: number;
  /** Runs already final (completed, failed, diverged) before this session; not executed again. */
  skipped: number;
  /** Runs this session set out to execute. */
  pending: number;
  /** Final status counts over this shard's runs after the session. */
  counts: Record<RunStatus, number>;
  /** Failed, diverged or unfinished runs of this shard. */
  problems: RunProblem[];
  /** True when a signal or abort stopped the session. */
  interrupted: boolean;
  /** Worker processes that died unexpectedly. */
  workerCrashes: number;
  /** Runs retried after their worker died. */
  retried: RetriedRun[];
  /** Why the store could not be written (full disk, I/O error), when it could not; the session stopped then. */
  storeFailure: string | null;
  durationMs: number;
}

/** Events of a sweep session, for progress displays. */
export type SweepEvent =
  | {
      type: 'start'; sweep: string; profile: string; shard: string; total: number; skipped: number; pending: number; workers: number; storePath: string;
      /** Share of a run's time spent measuring after training, as observed on the store's earlier runs of the sweep. */
      measureShare?: number;
    }
  | { type: 'run-start'; runId: number; workerId: string; label: string }
  | ({ type: 'run-progress'; runId: number; workerId: string } & RunProgress)
  | { type: 'run-end'; runId: number; workerId: string; label: string; status: RunStatus; error?: string; step?: number; durationMs: number }
  | { type: 'run-retry'; runId: number; workerId: string; label: string; attempt: number; reason: string }
  | { type: 'store-failed'; error: string }
  | { type: 'worker-exit'; workerId: string; code: number | null; signal: string | null; expected: boolean }
  | { type: 'log'; workerId: string; text: string }
  | { type: 'interrupt'; signal: string }
  | { type: 'end'; result: SweepResult };
