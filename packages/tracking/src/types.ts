/** Lifecycle of a run. `scheduled` and `interrupted` runs are claimable; the last three are final. */
export type RunStatus = 'scheduled' | 'running' | 'completed' | 'failed' | 'diverged' | 'interrupted';

/** Every run status, in lifecycle order. */
export const RUN_STATUSES: readonly RunStatus[] = ['scheduled', 'running', 'completed', 'failed', 'diverged', 'interrupted'];

/** Statuses a run does not leave once reached (a rerun skips them). */
export const FINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'diverged'];

/** What an artifact holds. */
export type ArtifactKind = 'png' | 'checkpoint' | 'json';

/** A JSON value as stored in `params.value` and `sweeps.definition`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One row of `sweeps`. Times are milliseconds since the epoch. */
export interface SweepRecord {
  name: string;
  /** The sweep definition as written in its file (JSON). */
  definition: JsonValue;
  /** The file it was loaded from, when known. */
  file: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A sweep with the number of its runs in each status. */
export interface SweepSummary extends SweepRecord {
  counts: Record<RunStatus, number>;
  total: number;
}

/** One row of `runs`. Times are milliseconds since the epoch; `durationMs` is wall time of the last attempt. */
export interface RunRecord {
  id: number;
  sweep: string;
  configHash: string;
  /** Position of the run in the sweep's expansion; claims go in this order. */
  ordinal: number;
  variant: string;
  dataset: string;
  seed: number;
  profile: string;
  status: RunStatus;
  error: string | null;
  divergedStep: number | null;
  startedAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  host: string | null;
  pid: number | null;
  backend: string | null;
  gitCommit: string | null;
  workerId: string | null;
  /** How many times the run was claimed. */
  attempts: number;
}

/** A run with its parameters and final summaries. */
export interface RunWithDetails extends RunRecord {
  params: Record<string, JsonValue>;
  summaries: Record<string, number>;
}

/** A run to schedule: the identity fields of a row of `runs` plus its parameters. */
export interface ScheduleRunInput {
  configHash: string;
  variant: string;
  dataset: string;
  seed: number;
  profile: string;
  params: Record<string, JsonValue>;
  /** Position in the expansion. @default index in the scheduled list */
  ordinal?: number;
}

/** Result of `scheduleRuns`: the run ids in input order and how many rows were new. */
export interface ScheduleResult {
  runIds: number[];
  inserted: number;
}

/** One point of a training series with its key, as logged. A non-finite value is stored as NULL and read back as NaN. */
export interface SeriesEntry {
  key: string;
  step: number;
  value: number;
}

/** One point of a series as read back. */
export interface SeriesPoint {
  step: number;
  value: number;
}

/** An artifact without its bytes. */
export interface ArtifactInfo {
  runId: number;
  name: string;
  kind: ArtifactKind;
  mime: string;
  size: number;
  createdAt: number;
}

/** An artifact with its bytes. */
export interface Artifact extends ArtifactInfo {
  bytes: Uint8Array;
}

/** Filter of `listRuns`. Every field narrows the list. */
export interface RunFilter {
  /** Only runs of this sweep. @default all sweeps */
  sweep?: string;
  /** Only runs in one of these statuses. @default all statuses */
  status?: RunStatus | readonly RunStatus[];
  /** Only runs of this variant. @default all variants */
  variant?: string;
  /** Only these run ids. @default all runs */
  ids?: readonly number[];
}

/** How a run ended, as recorded by `finishRun`. */
export interface FinishRunInput {
  status: 'completed' | 'failed' | 'diverged' | 'interrupted';
  /** Error text for `failed` (or the divergence message for `diverged`). @default null */
  error?: string | null;
  /** Last step of a diverged run. @default null */
  divergedStep?: number | null;
  /** Series points still buffered, written in the same transaction. @default [] */
  series?: readonly SeriesEntry[];
  /** Final summaries, written in the same transaction. @default {} */
  summaries?: Record<string, number>;
}
