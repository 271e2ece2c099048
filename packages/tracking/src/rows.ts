import type { ArtifactInfo, ArtifactKind, JsonValue, RunRecord, RunStatus, SweepRecord } from './types.ts';

/** A row of `runs` as SQLite returns it. */
export interface RunRow {
  id: number;
  sweep: string;
  config_hash: string;
  ordinal: number;
  variant: string;
  dataset: string;
  seed: number;
  profile: string;
  status: string;
  error: string | null;
  diverged_step: number | null;
  started_at: number | null;
  ended_at: number | null;
  duration_ms: number | null;
  host: string | null;
  pid: number | null;
  backend: string | null;
  git_commit: string | null;
  worker_id: string | null;
  attempts: number;
}

/** Maps a `runs` row to its record. */
export function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    sweep: row.sweep,
    configHash: row.config_hash,
    ordinal: row.ordinal,
    variant: row.variant,
    dataset: row.dataset,
    seed: row.seed,
    profile: row.profile,
    status: row.status as RunStatus,
    error: row.error,
    divergedStep: row.diverged_step,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: row.duration_ms,
    host: row.host,
    pid: row.pid,
    backend: row.backend,
    gitCommit: row.git_commit,
    workerId: row.worker_id,
    attempts: row.attempts,
  };
}

/** A row of `sweeps` as SQLite returns it. */
export interface SweepRow {
  name: string;
  definition: string;
  file: string | null;
  created_at: number;
  updated_at: number;
}

/** Maps a `sweeps` row to its record. */
export function toSweepRecord(row: SweepRow): SweepRecord {
  return {
    name: row.name,
    definition: JSON.parse(row.definition) as JsonValue,
    file: row.file,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A row of `artifacts` without its bytes. */
export interface ArtifactRow {
  run_id: number;
  name: string;
  kind: string;
  mime: string;
  size: number;
  created_at: number;
}

/** Maps an `artifacts` row to its info. */
export function toArtifactInfo(row: ArtifactRow): ArtifactInfo {
  return { runId: row.run_id, name: row.name, kind: row.kind as ArtifactKind, mime: row.mime, size: row.size, createdAt: row.created_at };
}

/** SQLite stores NaN as NULL; numbers read back from REAL columns go through this. */
export function fromReal(value: number | null): number {
  return value === null ? Number.NaN : value;
}

/** Canonical JSON text of a parameter value. */
export function paramText(value: JsonValue): string {
  return JSON.stringify(value);
}
