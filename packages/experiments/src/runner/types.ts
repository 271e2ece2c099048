import type { ArtifactKind, JsonValue } from '@vaelab/tracking';

/** Everything an executor needs to train one run. */
export interface RunSpec {
  /** Id of the run in the store. */
  runId: number;
  /** Sweep name. */
  sweep: string;
  /** sha256 of the run's canonical configuration; its identity across stores. */
  configHash: string;
  /** Variant name, a key of the variant catalog (e.g. `beta-vae`). */
  variant: string;
  /** Dataset name. */
  dataset: string;
  /** Merged parameters: `base`, then grid/zip/random values, after profile overrides. */
  params: Record<string, JsonValue>;
  /** Seed of every random stream of the run. */
  seed: number;
  /** Profile the sweep was expanded with (`quick`, `full`). */
  profile: string;
  /** Metric groups to compute at the end (`disentanglement`, `collapse`, `quality`, ...). */
  metrics: string[];
}

/** Progress of a run, shown by the parent's display. */
export interface RunProgress {
  step: number;
  totalSteps: number;
  loss?: number;
  /** After training: the measuring stage under way (`held-out ELBO`, `IWAE`, `disentanglement: mig`, ...). */
  stage?: string;
  /** Position of `stage` among `stageCount` stages (0-based). */
  stageIndex?: number;
  stageCount?: number;
}

/** What an executor may do while running; every call writes to the store or reports to the parent. */
export interface RunContext {
  /** Appends training-series values at a step (buffered, written in batches and at the end). */
  logSeries(step: number, values: Record<string, number>): void;
  /** Sets final summaries (`mig`, `kl/dim3`, `active_units`, ...); written with the run's end. */
  setSummaries(values: Record<string, number>): void;
  /** Stores an artifact (sample grid PNG, checkpoint, JSON) right away. */
  addArtifact(name: string, kind: ArtifactKind, mime: string, bytes: Uint8Array): void;
  /** Reports progress to the parent's display (throttled; cheap to call every step). */
  progress(info: RunProgress): void;
  /** Records the compute backend (`wasm`, `cpu`, ...). */
  setBackend(name: string): void;
  /** Aborted when the sweep is interrupted: stop soon, resolve or throw; the run becomes `interrupted`. */
  signal: AbortSignal;
}

/** How a run ended. A thrown error means `failed`, with the error's message. */
export type RunOutcome = { status: 'completed' } | { status: 'diverged'; step: number; message: string };

/** The function an executor module exports as `execute`. */
export type ExecuteFn = (spec: RunSpec, ctx: RunContext) => Promise<RunOutcome>;

/** The shape of an executor module. */
export interface ExecutorModule {
  execute: ExecuteFn;
}
