import type { JsonValue, RunWithDetails } from '@vaelab/tracking';
import { DEFAULT_MEASURE_SHARE, formatDuration } from './progress.ts';

/**
 * Training throughput of one worker assumed when the store has no earlier run to learn from: the
 * figure the shipped quick profiles are sized with (`experiments/methods.ts`), an MLP on 32x32
 * images on one WebAssembly process of a 2-core machine.
 */
export const ASSUMED_SAMPLES_PER_SECOND = 3_000;

/** A run to estimate. */
export interface RunToEstimate {
  variant: string;
  params: Record<string, JsonValue>;
  /** Training examples the run will see (steps x batch size); undefined when it trains by epochs. */
  samples: number | undefined;
}

/** Options of {@link estimateSweepDuration}. */
export interface EstimateOptions {
  /** Worker processes that share the runs. */
  workers: number;
  /** The sweep's earlier runs in the store, any status; completed ones are the evidence. */
  earlier: readonly RunWithDetails[];
  /** Training throughput of one worker when no earlier run matches. @default ASSUMED_SAMPLES_PER_SECOND */
  assumedSamplesPerSecond?: number;
}

/** What {@link estimateSweepDuration} found. */
export interface SweepEstimate {
  /** Runs estimated. */
  runs: number;
  /** Workers the estimate spreads them over (never more than the runs). */
  workers: number;
  /** Wall time until the last run ends, in seconds. */
  seconds: number;
  /** Runs timed from earlier runs of the same variant and architecture, the earlier runs used, and their throughputs. */
  fromStore: { runs: number; earlierRuns: number; samplesPerSecond: number[] };
  /** Runs timed at the assumed throughput, and that throughput. */
  assumed: { runs: number; samplesPerSecond: number };
  /** Share of a run spent measuring, used where no earlier run of the kind recorded its measuring time. */
  measureShare: number;
  /** Runs whose length is unknown before they start (trained by epochs, no earlier run of their kind): left out. */
  unknown: number;
}

/**
 * The share of a run's time spent measuring after training, observed on completed runs (their
 * `train_seconds` and `measure_seconds` summaries); undefined when none has both. The live ETA
 * of the sweep display and the dry run's estimate both start from it.
 */
export function observedMeasureShare(runs: readonly RunWithDetails[]): number | undefined {
  let train = 0;
  let measuring = 0;
  for (const run of runs) {
    const { train_seconds: t, measure_seconds: m } = run.summaries;
    if (run.status !== 'completed' || !(t >= 0) || !(m >= 0)) continue;
    train += t;
    measuring += m;
  }
  return train + measuring > 0 ? measuring / (train + measuring) : undefined;
}

/**
 * Runs that cost the same per training example: one variant with the same architecture, image
 * size and batch size (the parameters that set a step's work; a loss weight such as beta does not).
 */
function costKind(variant: string, params: Record<string, JsonValue>): string {
  return JSON.stringify([variant, params.architecture ?? null, params.hidden ?? null, params.layers ?? null, params.imageSize ?? null, params.batchSize ?? null]);
}

interface KindEvidence { runs: number; samplesPerSecond: number; trainSeconds: number; measureSeconds: number | undefined }

/** Throughput and times of the completed earlier runs, per kind. */
function evidenceByKind(earlier: readonly RunWithDetails[]): Map<string, KindEvidence> {
  const sums = new Map<string, { runs: number; samples: number; train: number; measure: number; measured: number }>();
  for (const run of earlier) {
    const { samples_per_second: rate, train_seconds: train, measure_seconds: measure } = run.summaries;
    if (run.status !== 'completed' || !(rate > 0) || !(train > 0)) continue;
    const kind = costKind(run.variant, run.params);
    const sum = sums.get(kind) ?? { runs: 0, samples: 0, train: 0, measure: 0, measured: 0 };
    sum.runs++;
    sum.samples += rate * train;
    sum.train += train;
    if (measure >= 0) {
      sum.measure += measure;
      sum.measured++;
    }
    sums.set(kind, sum);
  }
  return new Map([...sums].map(([kind, s]) => [kind, {
    runs: s.runs,
    samplesPerSecond: s.samples / s.train,
    trainSeconds: s.train / s.runs,
    measureSeconds: s.measured > 0 ? s.measure / s.measured : undefined,
  }]));
}

/**
 * Estimates how long runs take on `workers` workers. Each run is timed from the sweep's completed
 * earlier runs of its kind (same variant, architecture, image size and batch size): its training
 * examples at their throughput, plus their mean measuring time. A run with no earlier run of its
 * kind trains at the assumed throughput and measures for the share of its time seen on the
 * store's runs (else the display's default share), as the live ETA counts measuring. The runs
 * are then dealt in order to whichever worker frees first, as the pool claims them.
 */
export function estimateSweepDuration(runs: readonly RunToEstimate[], options: EstimateOptions): SweepEstimate {
  const assumedRate = options.assumedSamplesPerSecond ?? ASSUMED_SAMPLES_PER_SECOND;
  const measureShare = observedMeasureShare(options.earlier) ?? DEFAULT_MEASURE_SHARE;
  const evidence = evidenceByKind(options.earlier);
  const used = new Set<string>();
  const durations: number[] = [];
  let fromStore = 0;
  let assumed = 0;
  let unknown = 0;
  for (const run of runs) {
    const kind = costKind(run.variant, run.params);
    const known = evidence.get(kind);
    if (known) {
      const train = run.samples === undefined ? known.trainSeconds : run.samples / known.samplesPerSecond;
      durations.push(known.measureSeconds === undefined ? train / (1 - measureShare) : train + known.measureSeconds);
      used.add(kind);
      fromStore++;
    } else if (run.samples !== undefined) {
      durations.push(run.samples / assumedRate / (1 - measureShare));
      assumed++;
    } else {
      unknown++;
    }
  }
  const workers = Math.max(1, Math.min(options.workers, durations.length));
  const freeAt = new Array<number>(workers).fill(0);
  for (const seconds of durations) {
    const next = freeAt.indexOf(Math.min(...freeAt));
    freeAt[next] += seconds;
  }
  const usedEvidence = [...used].map((kind) => evidence.get(kind)!);
  return {
    runs: durations.length,
    workers,
    seconds: Math.max(0, ...freeAt),
    fromStore: { runs: fromStore, earlierRuns: usedEvidence.reduce((n, e) => n + e.runs, 0), samplesPerSecond: usedEvidence.map((e) => e.samplesPerSecond) },
    assumed: { runs: assumed, samplesPerSecond: assumedRate },
    measureShare,
    unknown,
  };
}

const rate = (value: number): string => Math.round(value).toLocaleString('en-US');

/** The estimate as one line, saying what it rests on. */
export function describeEstimate(estimate: SweepEstimate): string {
  if (estimate.runs === 0 && estimate.unknown === 0) return 'estimate: nothing to run';
  const head = `estimate: ${estimate.runs} run${estimate.runs === 1 ? '' : 's'} on ${estimate.workers} worker${estimate.workers === 1 ? '' : 's'}, about ${formatDuration(estimate.seconds * 1000)}`;
  const basis: string[] = [];
  const { fromStore, assumed } = estimate;
  if (fromStore.runs > 0) {
    const rates = fromStore.samplesPerSecond;
    const range = Math.min(...rates) === Math.max(...rates) ? rate(rates[0]) : `${rate(Math.min(...rates))}-${rate(Math.max(...rates))}`;
    basis.push(`${assumed.runs > 0 ? `${fromStore.runs} ` : ''}from ${fromStore.earlierRuns} earlier run${fromStore.earlierRuns === 1 ? '' : 's'} of the same variant and architecture in this store at ${range} samples/s per worker`);
  }
  if (assumed.runs > 0) {
    const share = `measuring ${Math.round(estimate.measureShare * 100)}% of each run`;
    basis.push(`${fromStore.runs > 0 ? `${assumed.runs} at an ` : ''}assumed ${rate(assumed.samplesPerSecond)} samples/s per worker, no earlier run ${fromStore.runs > 0 ? 'of their kind ' : ''}in this store, ${share}`);
  }
  if (estimate.unknown > 0) basis.push(`${estimate.unknown} run${estimate.unknown === 1 ? '' : 's'} trained by epochs left out, their length unknown before the data loads`);
  return `${head} (${basis.join('; ')})`;
}
