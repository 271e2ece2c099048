import { liveBlock } from '../display/live-block.ts';
import type { DisplayStream, LiveBlock } from '../display/live-block.ts';
import type { SweepEvent, SweepResult } from './events.ts';

/** Options of `createProgressDisplay`. */
export interface ProgressDisplayOptions {
  /** Where to write. @default process.stdout */
  stream?: DisplayStream;
  /** Redraw a live block on the terminal (true; the stream must be one) or print one plain line per update (false). @default stream.isTTY */
  live?: boolean;
  /** Shortest interval between two live redraws, in milliseconds. @default 100 */
  redrawMs?: number;
  /** Plain mode: shortest interval between two progress lines of one run, in milliseconds. @default 5000 */
  plainProgressMs?: number;
  /** Clock. @default Date.now */
  now?: () => number;
}

interface Active {
  label: string; workerId: string; step: number; totalSteps: number; loss?: number; lastLine: number;
  startedAt: number;
  /** The measuring stage after training, and when measuring began. */
  stage?: string; stageIndex?: number; stageCount?: number; measuringSince?: number;
}

/**
 * Share of a run's time spent measuring after training when neither the store's earlier runs
 * nor this session's have shown it: the quick beta profile measured about 20 s after 4 minutes
 * of training.
 */
export const DEFAULT_MEASURE_SHARE = 0.1;

/** `95` → `1m35s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The sweep display: feed it the sweep's events; `stop` ends a live block early (the sweep threw). */
export interface ProgressDisplay {
  onEvent: (event: SweepEvent) => void;
  stop(): void;
}

/**
 * The sweep progress display: runs done / to do, failures, ETA and each active run's step and
 * loss. On a terminal, a block (header and a line per active run) redrawn in place by the live
 * block `vaelab train`'s bar uses too, with the events printed above it; otherwise a line per
 * event (progress lines throttled per run), nothing redrawn. Pass `onEvent` as `runSweep`'s
 * `onProgress`.
 */
export function createProgressDisplay(options: ProgressDisplayOptions = {}): ProgressDisplay {
  const stream = options.stream ?? process.stdout;
  const live = options.live ?? Boolean(stream.isTTY);
  const now = options.now ?? Date.now;
  const plainMs = options.plainProgressMs ?? 5000;
  const active = new Map<number, Active>();
  let startedAt = now();
  let pending = 0;
  let done = 0;
  let failed = 0;
  let diverged = 0;
  let title = '';
  const block: LiveBlock | undefined = live ? liveBlock(stream, { redrawMs: options.redrawMs ?? 100 }) : undefined;
  // Training and measuring time of the runs that finished in this session, and the store's share.
  let sessionTrainMs = 0;
  let sessionMeasureMs = 0;
  let storeShare: number | undefined;
  const measureShare = (): number =>
    sessionTrainMs + sessionMeasureMs > 0 ? sessionMeasureMs / (sessionTrainMs + sessionMeasureMs) : storeShare ?? DEFAULT_MEASURE_SHARE;

  const eta = (): string => {
    let partial = 0;
    // A run is (1 - share) training, measured by steps, then share measuring, measured by stages.
    const share = measureShare();
    for (const a of active.values()) {
      if (a.stage !== undefined && a.stageCount) partial += 1 - share + share * Math.min(1, (a.stageIndex ?? 0) / a.stageCount);
      else if (a.totalSteps > 0) partial += (1 - share) * Math.min(1, a.step / a.totalSteps);
    }
    const progress = done + partial;
    if (progress <= 0 || pending === 0) return '—';
    return formatDuration(((now() - startedAt) / progress) * (pending - progress));
  };
  const header = (): string =>
    `${title} ${done}/${pending} done${failed ? ` · ${failed} failed` : ''}${diverged ? ` · ${diverged} diverged` : ''} · ETA ${eta()}`;
  const runLine = (a: Active): string => {
    if (a.stage !== undefined) return `${a.workerId.padEnd(4)}${a.label}  measuring ${a.stage}${a.stageCount ? ` (${(a.stageIndex ?? 0) + 1}/${a.stageCount})` : ''}`;
    const steps = a.totalSteps > 0 ? `step ${a.step}/${a.totalSteps}` : 'starting';
    const loss = a.loss !== undefined && Number.isFinite(a.loss) ? `  loss ${a.loss.toPrecision(5)}` : '';
    return `${a.workerId.padEnd(4)}${a.label}  ${steps}${loss}`;
  };
  // The block's lines are cut at the terminal's width by the live block; printed lines wrap.
  const draw = (now = false): void => {
    if (!block) return;
    block.show([header(), ...[...active.values()].map((a) => `  ${runLine(a)}`)]);
    if (now) block.flush();
  };
  const print = (line: string): void => {
    if (!block) {
      stream.write(`${line}\n`);
      return;
    }
    draw();
    block.log(line, true);
  };

  const onEvent = (event: SweepEvent): void => {
    switch (event.type) {
      case 'start':
        startedAt = now();
        pending = event.pending;
        storeShare = event.measureShare;
        title = `${event.sweep} [${event.profile}${event.shard ? ` shard ${event.shard}` : ''}]`;
        print(`${title}: ${event.total} runs, ${event.skipped} already done, ${event.pending} to run on ${event.workers} worker(s)`);
        break;
      case 'run-start':
        active.set(event.runId, { label: event.label, workerId: event.workerId, step: 0, totalSteps: 0, lastLine: now(), startedAt: now() });
        if (!live) print(`[${done}/${pending}] start   #${event.runId} ${event.label} (${event.workerId})`);
        else draw(true);
        break;
      case 'run-progress': {
        const a = active.get(event.runId);
        if (!a) break;
        const stageChanged = event.stage !== undefined && event.stage !== a.stage;
        if (event.stage !== undefined && a.measuringSince === undefined) a.measuringSince = now();
        Object.assign(a, { step: event.step, totalSteps: event.totalSteps, loss: event.loss ?? a.loss, stage: event.stage, stageIndex: event.stageIndex, stageCount: event.stageCount });
        if (live) draw();
        else if (stageChanged || now() - a.lastLine >= plainMs) {
          a.lastLine = now();
          print(`[${done}/${pending}] running #${event.runId} ${runLine(a)} · ETA ${eta()}`);
        }
        break;
      }
      case 'run-end': {
        const ended = active.get(event.runId);
        if (ended?.measuringSince !== undefined && event.status === 'completed') {
          sessionTrainMs += ended.measuringSince - ended.startedAt;
          sessionMeasureMs += now() - ended.measuringSince;
        }
        active.delete(event.runId);
        if (event.status !== 'interrupted') done++;
        if (event.status === 'failed') failed++;
        if (event.status === 'diverged') diverged++;
        const detail = event.status === 'diverged' ? ` at step ${event.step}: ${event.error ?? ''}` : event.error ? `: ${event.error}` : '';
        print(`[${done}/${pending}] ${event.status.padEnd(9)} #${event.runId} ${event.label} in ${formatDuration(event.durationMs)}${detail}`);
        break;
      }
      case 'log':
        print(`${event.workerId}: ${event.text}`);
        break;
      case 'run-retry':
        print(`[${done}/${pending}] retry     #${event.runId} ${event.label}: attempt ${event.attempt} in a new worker (${event.reason})`);
        break;
      case 'store-failed':
        print(`the store could not be written (${event.error}): stopping; unfinished runs are redone on the next start`);
        break;
      case 'worker-exit':
        if (!event.expected) print(`worker ${event.workerId} exited with ${event.signal ?? `code ${event.code}`}`);
        break;
      case 'interrupt':
        print(`${event.signal}: stopping workers; running runs become interrupted (press again to kill them now)`);
        break;
      case 'end':
        block?.stop();
        stream.write(`${summarize(event.result)}\n`);
        break;
    }
  };
  return { onEvent, stop: () => block?.stop() };
}

/** The end-of-sweep summary: counts, then each run that failed, diverged or did not finish. */
export function summarize(result: SweepResult): string {
  const c = result.counts;
  const lines = [
    `${result.sweep} [${result.profile}]: ${c.completed} completed, ${c.diverged} diverged, ${c.failed} failed` +
      `${c.interrupted ? `, ${c.interrupted} interrupted` : ''}${c.scheduled ? `, ${c.scheduled} not started` : ''}` +
      `${c.running ? `, ${c.running} running elsewhere` : ''} of ${result.total} (${result.skipped} skipped as done) in ${formatDuration(result.durationMs)}`,
  ];
  for (const p of result.problems) {
    const detail = p.status === 'diverged' ? `at step ${p.divergedStep}: ${p.error ?? ''}` : p.error ?? '';
    lines.push(`  ${p.status.padEnd(11)} #${p.runId} ${p.label}${detail ? ` — ${detail}` : ''}`);
  }
  for (const r of result.retried) {
    const now = result.problems.find((p) => p.runId === r.runId)?.status ?? 'completed';
    lines.push(`  retried     #${r.runId} ${r.label} — ${r.retries} time${r.retries === 1 ? '' : 's'} after its worker died (${r.reason}); ${now}`);
  }
  if (result.storeFailure !== null) {
    lines.push(`  the store could not be written (${result.storeFailure}); free space or fix the disk and run the sweep again to redo the unfinished runs`);
  }
  return lines.join('\n');
}
