import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { virtualTerminal } from '@vaelab/testing/terminal';
import type { SweepResult } from './events.ts';
import { createProgressDisplay, formatDuration, summarize } from './progress.ts';

const sink = () => {
  const chunks: string[] = [];
  return Object.assign(new Writable({ write(c, _e, done) { chunks.push(String(c)); done(); } }), { text: () => chunks.join('') });
};

const result: SweepResult = {
  storePath: '/x.sqlite', sweep: 'beta', profile: 'quick', total: 3, skipped: 1, pending: 2,
  counts: { scheduled: 0, running: 0, completed: 1, failed: 1, diverged: 1, interrupted: 0 },
  problems: [
    { runId: 2, label: 'beta-vae beta=4 seed=0', status: 'diverged', error: 'loss is NaN', divergedStep: 7 },
    { runId: 3, label: 'beta-vae beta=8 seed=0', status: 'failed', error: 'boom', divergedStep: null },
  ],
  interrupted: false, workerCrashes: 0, retried: [], storeFailure: null, durationMs: 65_000,
};

describe('progress display', () => {
  it('formats durations', () => {
    expect([formatDuration(4_400), formatDuration(95_000), formatDuration(3_725_000)]).toEqual(['4s', '1m35s', '1h02m']);
  });

  it('prints plain lines with counts, throttled progress and ETA when not a terminal', () => {
    let t = 0;
    const out = sink();
    const { onEvent } = createProgressDisplay({ stream: out, live: false, now: () => t, plainProgressMs: 1000 });
    onEvent({ type: 'start', sweep: 'beta', profile: 'quick', shard: '', total: 3, skipped: 1, pending: 2, workers: 2, storePath: '/x' });
    onEvent({ type: 'run-start', runId: 1, workerId: 'w1', label: 'vae seed=0' });
    t = 500;
    onEvent({ type: 'run-progress', runId: 1, workerId: 'w1', step: 10, totalSteps: 100, loss: 5 });
    t = 2000;
    onEvent({ type: 'run-progress', runId: 1, workerId: 'w1', step: 50, totalSteps: 100, loss: 2.5 });
    onEvent({ type: 'run-end', runId: 1, workerId: 'w1', label: 'vae seed=0', status: 'completed', durationMs: 2000 });
    onEvent({ type: 'end', result });
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toBe('beta [quick]: 3 runs, 1 already done, 2 to run on 2 worker(s)');
    expect(lines[1]).toBe('[0/2] start   #1 vae seed=0 (w1)');
    // Half the steps of a run whose last 10% (the default share) is measuring: 0.45 of a run in
    // 2 s, so the 1.55 runs left take 2 / 0.45 * 1.55 = 6.9 s.
    expect(lines[2]).toBe('[0/2] running #1 w1  vae seed=0  step 50/100  loss 2.5000 · ETA 7s');
    expect(lines[3]).toBe('[1/2] completed #1 vae seed=0 in 2s');
    expect(lines.slice(4)).toEqual([
      'beta [quick]: 1 completed, 1 diverged, 1 failed of 3 (1 skipped as done) in 1m05s',
      '  diverged    #2 beta-vae beta=4 seed=0 — at step 7: loss is NaN',
      '  failed      #3 beta-vae beta=8 seed=0 — boom',
    ]);
    expect(summarize(result)).toBe(lines.slice(4).join('\n'));
  });

  it('redraws a block in place on a terminal, events printed above it, and leaves the summary alone at the end', () => {
    vi.useFakeTimers();
    try {
      let t = 0;
      const term = virtualTerminal(60);
      const { onEvent } = createProgressDisplay({ stream: term, now: () => t, redrawMs: 100 });
      onEvent({ type: 'start', sweep: 'beta', profile: 'full', shard: '1/3', total: 2, skipped: 0, pending: 2, workers: 1, storePath: '/x' });
      onEvent({ type: 'run-start', runId: 1, workerId: 'w1', label: 'vae seed=0' });
      t = 1000;
      onEvent({ type: 'run-progress', runId: 1, workerId: 'w1', step: 5, totalSteps: 10, loss: 1 });
      vi.advanceTimersByTime(100);
      // Half the steps, measuring the default 10%: 0.45 of a run in 1 s, 1.55 runs left: 3.4 s.
      expect(term.screen()).toEqual([
        'beta [full shard 1/3]: 2 runs, 0 already done, 2 to run on 1',
        ' worker(s)',
        'beta [full shard 1/3] 0/2 done · ETA 3s',
        '  w1  vae seed=0  step 5/10  loss 1.0000',
      ]);
      expect(term.cursorHidden()).toBe(true);
      t = 2000;
      onEvent({ type: 'run-end', runId: 1, workerId: 'w1', label: 'vae seed=0', status: 'completed', durationMs: 2000 });
      onEvent({ type: 'run-start', runId: 2, workerId: 'w1', label: 'vae seed=1 with a label far too long for this terminal of 60 columns' });
      vi.advanceTimersByTime(100);
      // The event line went above the block; the block moved down, every line of it redrawn.
      expect(term.screen()).toEqual([
        'beta [full shard 1/3]: 2 runs, 0 already done, 2 to run on 1',
        ' worker(s)',
        '[1/2] completed #1 vae seed=0 in 2s',
        'beta [full shard 1/3] 1/2 done · ETA 2s',
        '  w1  vae seed=1 with a label far too long for this terminal',
      ]);
      // A line printed while the block stays the same: the unchanged lines are drawn again one row lower.
      onEvent({ type: 'log', workerId: 'w1', text: 'classifier cached' });
      vi.advanceTimersByTime(100);
      expect(term.screen().slice(2)).toEqual([
        '[1/2] completed #1 vae seed=0 in 2s',
        'w1: classifier cached',
        'beta [full shard 1/3] 1/2 done · ETA 2s',
        '  w1  vae seed=1 with a label far too long for this terminal',
      ]);
      onEvent({ type: 'run-end', runId: 2, workerId: 'w1', label: 'vae seed=1', status: 'completed', durationMs: 1000 });
      onEvent({ type: 'end', result: { ...result, problems: [], counts: { ...result.counts, completed: 2, failed: 0, diverged: 0 } } });
      expect(term.screen()).toEqual([
        'beta [full shard 1/3]: 2 runs, 0 already done, 2 to run on 1',
        ' worker(s)',
        '[1/2] completed #1 vae seed=0 in 2s',
        'w1: classifier cached',
        '[2/2] completed #2 vae seed=1 in 1s',
        // Printed lines wrap at the terminal's width; only the block's lines are cut.
        'beta [quick]: 2 completed, 0 diverged, 0 failed of 3 (1 skip',
        'ped as done) in 1m05s',
      ]);
      expect(term.cursorHidden()).toBe(false);
      // Nothing is left to redraw: no timer keeps the process alive.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stop() ends a live block the sweep never finished (it threw), and no timer is left', () => {
    vi.useFakeTimers();
    try {
      const term = virtualTerminal(60);
      const display = createProgressDisplay({ stream: term, now: () => 0 });
      display.onEvent({ type: 'start', sweep: 'beta', profile: 'quick', shard: '', total: 1, skipped: 0, pending: 1, workers: 1, storePath: '/x' });
      display.onEvent({ type: 'run-start', runId: 1, workerId: 'w1', label: 'vae seed=0' });
      expect(vi.getTimerCount()).toBeGreaterThan(0);
      display.stop();
      expect(vi.getTimerCount()).toBe(0);
      expect(term.screen()).toEqual(['beta [quick]: 1 runs, 0 already done, 1 to run on 1 worker(s', ')']);
      expect(term.cursorHidden()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('names the measuring stage of a run and counts it in the ETA, with the store\'s share of measuring time', () => {
    let t = 0;
    const out = sink();
    const { onEvent } = createProgressDisplay({ stream: out, live: false, now: () => t, plainProgressMs: 60_000 });
    onEvent({ type: 'start', sweep: 'beta', profile: 'quick', shard: '', total: 2, skipped: 0, pending: 2, workers: 1, storePath: '/x', measureShare: 0.5 });
    onEvent({ type: 'run-start', runId: 1, workerId: 'w1', label: 'vae seed=0' });
    t = 8000;
    onEvent({ type: 'run-progress', runId: 1, workerId: 'w1', step: 100, totalSteps: 100, stage: 'IWAE', stageIndex: 2, stageCount: 4 });
    // Training done (0.5 of a run) and 2 of 4 stages (0.25): 0.75 of a run in 8 s, 1.25 left.
    expect(out.text().trim().split('\n').pop()).toBe('[0/2] running #1 w1  vae seed=0  measuring IWAE (3/4) · ETA 13s');
    t = 12_000;
    onEvent({ type: 'run-end', runId: 1, workerId: 'w1', label: 'vae seed=0', status: 'completed', durationMs: 12_000 });
    // This session's run trained 8 s and measured 4 s: its share, 1/3, now replaces the store's.
    onEvent({ type: 'run-start', runId: 2, workerId: 'w1', label: 'vae seed=1' });
    t = 15_000;
    onEvent({ type: 'run-progress', runId: 2, workerId: 'w1', step: 100, totalSteps: 100, stage: 'held-out ELBO', stageIndex: 0, stageCount: 4 });
    // 1 + 2/3 runs done in 15 s: 1/3 of a run left takes 15 / (5/3) / 3 = 3 s.
    expect(out.text().trim().split('\n').pop()).toBe('[1/2] running #2 w1  vae seed=1  measuring held-out ELBO (1/4) · ETA 3s');
  });
});
