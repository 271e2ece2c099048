export { ExperimentStore, pidAlive } from './store/store.ts';
export type { ClaimOptions, RepairOptions, StoreOpenOptions } from './store/store.ts';
export { MIGRATIONS, SCHEMA_VERSION, migrate } from './store/migrations.ts';
export type { Migration } from './store/migrations.ts';
export { isBusyError, withBusyRetry } from './store/retry.ts';
export type { BusyRetryOptions } from './store/retry.ts';
export { FINAL_STATUSES, RUN_STATUSES } from './store/types.ts';
export type {
  Artifact, ArtifactInfo, ArtifactKind, FinishRunInput, JsonValue, MetricPoint, RunFilter, RunRecord, RunStatus,
  RunWithDetails, ScheduleResult, ScheduleRunInput, SeriesPoint, SweepRecord, SweepSummary,
} from './store/types.ts';
export { defineSweep } from './sweep/define.ts';
export type { MetricGroup, Params, ParamValue, RandomDimension, RandomSearch, SweepBody, SweepDefinition } from './sweep/define.ts';
export type { ParamIssue, VariantCatalog, VariantEntry } from './sweep/catalog.ts';
export { SweepError } from './sweep/errors.ts';
export type { SweepIssue } from './sweep/errors.ts';
export { canonicalJson, configHash } from './sweep/hash.ts';
export type { ConfigIdentity } from './sweep/hash.ts';
export { expandSweep, resolveProfile } from './sweep/expand.ts';
export type { ExpandedRun, ResolvedSweep } from './sweep/expand.ts';
export { validateSweep } from './sweep/validate.ts';
export type { PreparedSweep, SweepValidationOptions } from './sweep/validate.ts';
export { loadSweepFile, prepareSweep, resolveSweepFile } from './sweep/load.ts';
export type { ExecuteFn, ExecutorModule, RunContext, RunOutcome, RunProgress, RunSpec } from './runner/types.ts';
export { defaultStorePath, displayPath, findRepoRoot } from './paths.ts';
export { mergeStores } from './store/merge.ts';
export type { MergeResult } from './store/merge.ts';
export { ShardSpecError, WHOLE, inShard, parseShard, resolveShard, shardFromEnv, shardLabel } from './shard.ts';
export type { Shard } from './shard.ts';
export { DEFAULT_EXECUTOR, runSweep, shardRuns } from './runner/run-sweep.ts';
export type { RunSweepOptions } from './runner/run-sweep.ts';
export type { RunProblem, SweepEvent, SweepResult } from './runner/events.ts';
export { createProgressDisplay, formatDuration, summarize } from './runner/progress.ts';
export type { ProgressDisplayOptions } from './runner/progress.ts';
export { runLabels } from './runner/labels.ts';
export { datasetNames, variantCatalog } from './execute/catalog.ts';
