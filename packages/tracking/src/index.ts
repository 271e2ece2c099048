export { ExperimentStore, pidAlive } from './store.ts';
export type { ClaimOptions, RepairOptions, StoreOpenOptions } from './store.ts';
export { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations.ts';
export type { Migration } from './migrations.ts';
export { isBusyError, withBusyRetry } from './retry.ts';
export type { BusyRetryOptions } from './retry.ts';
export { FINAL_STATUSES, RUN_STATUSES } from './types.ts';
export type {
  Artifact, ArtifactInfo, ArtifactKind, FinishRunInput, JsonValue, SeriesEntry, RunFilter, RunRecord, RunStatus,
  RunWithDetails, ScheduleResult, ScheduleRunInput, SeriesPoint, SweepRecord, SweepSummary,
} from './types.ts';
export { mergeStores } from './merge.ts';
export type { MergeResult } from './merge.ts';
export { STORE_DIR, STORE_FILE, reportsDirFor, storePathIn } from './paths.ts';
export { StoreError, isStorageError } from './errors.ts';
export { storeErrorFrom } from './open.ts';
export type { OpenStoreOptions } from './open.ts';
export { reserveSpace } from './reserve.ts';
export type { SpaceReserve } from './reserve.ts';
