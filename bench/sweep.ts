import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXECUTOR, datasetNames, runSweep, validateSweep, variantCatalog } from '@vaelab/experiments';
import type { PreparedSweep, SweepResult } from '@vaelab/experiments';
import type { BenchRow } from './row.ts';
import { watchWorkerMemory } from './worker-memory.ts';

const STAND_IN_EXECUTOR = fileURLToPath(new URL('./sweep-executor.ts', import.meta.url));

/** Four runs (seeds 0-3) of a small VAE on the embedded MNIST digits: real training, no metric groups. */
export function benchSweepDefinition(steps = 500): PreparedSweep {
  return validateSweep({
    name: 'bench-sweep',
    dataset: 'mnist',
    variants: ['vae'],
    base: { steps, logEvery: 50, evalExamples: 500, backend: 'wasm', latentDim: 10, architecture: { kind: 'mlp', hidden: [200] } },
    seeds: 4,
  }, { catalog: variantCatalog, datasets: datasetNames });
}

interface SweepTiming {
  runsPerHour: number;
  result: SweepResult;
  /** Peak RSS of each worker process, MiB. */
  peaks: number[];
}

/** Runs the sweep into a fresh temporary store with `workers` processes; wall time includes starting them. */
async function timeSweep(sweep: PreparedSweep, workers: number, executor: string): Promise<SweepTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'vaelab-bench-sweep-'));
  const watcher = watchWorkerMemory();
  try {
    const started = performance.now();
    const result = await runSweep({ sweep, storePath: join(dir, 'runs.sqlite'), workers, executor, handleSignals: false });
    const hours = (performance.now() - started) / 3_600_000;
    return { runsPerHour: result.counts.completed / hours, result, peaks: [...watcher.stop().values()] };
  } finally {
    watcher.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const problemsOf = (r: SweepResult): string => r.problems.map((p) => `${p.label}: ${p.status} ${p.error ?? ''}`.trim()).join('; ');

/**
 * Runs per hour of a small fixed sweep with 1 and with 2 worker processes (each into its own
 * temporary store), the ratio of the two, and the peak RSS of every worker of both sessions.
 * The executor is the default one; when its runs do not complete, the stand-in executor in this
 * folder (the same training, fewer extras) is used and the rows say so.
 */
export async function benchSweep(steps = 500): Promise<BenchRow[]> {
  const sweep = benchSweepDefinition(steps);
  const runs = sweep.runs.length;
  let executor = DEFAULT_EXECUTOR;
  let executorNote = 'default executor';
  let one = await timeSweep(sweep, 1, executor).catch((error: unknown) => ({ error }));
  if ('error' in one || one.result.counts.completed !== runs) {
    const why = 'error' in one ? String(one.error) : problemsOf(one.result);
    console.error(`sweep: the default executor did not complete the runs (${why.slice(0, 300)}); using bench/sweep-executor.ts`);
    executor = STAND_IN_EXECUTOR;
    executorNote = 'stand-in executor bench/sweep-executor.ts (the default did not complete)';
    one = await timeSweep(sweep, 1, executor);
  }
  const two = await timeSweep(sweep, 2, executor);
  for (const session of [one, two]) {
    if (session.result.counts.completed !== runs) throw new Error(`sweep: ${problemsOf(session.result)}`);
  }
  const what = `${runs} runs x ${steps} steps of VAE 784-200-10, ${executorNote}`;
  const peaks = [...one.peaks, ...two.peaks];
  const rows: BenchRow[] = [
    { name: 'sweep throughput, 1 worker', backend: 'wasm', value: one.runsPerHour, unit: 'runs/h', note: what },
    { name: 'sweep throughput, 2 workers', backend: 'wasm', value: two.runsPerHour, unit: 'runs/h', baseline: one.runsPerHour, note: 'baseline: 1 worker, same sweep' },
  ];
  if (peaks.length > 0) {
    rows.push({
      name: 'peak RSS per sweep worker (max)', backend: 'wasm', value: Math.max(...peaks), unit: 'MiB',
      note: `VmHWM of ${peaks.length} workers: ${peaks.map((p) => Math.round(p)).join(', ')} MiB`,
    });
  } else {
    console.error('sweep: no worker memory figures (needs /proc)');
  }
  return rows;
}
