import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { StepInfo } from '@vaelab/core';
import { virtualTerminal } from '@vaelab/testing/terminal';
import { clock, progressLine, trainingProgress } from './progress-bar.ts';

const info = (step: number, totalSteps: number, samplesPerSecond = 1000): StepInfo => ({
  step, totalSteps, epoch: Math.floor(step / 50), samplesPerSecond,
  terms: { loss: 123.456, elbo: -123.456, reconstruction: 120, kl: 3.456 } as StepInfo['terms'], klPerDim: new Float32Array(2),
});

describe('training progress', () => {
  it('formats the line: epoch, a 24-character bar, percent, samples/s, loss, KL and the time left at the current speed', () => {
    // Step 50 of 100 in batches of 100 at 1,000 samples/s: 50 x 100 / 1,000 = 5 s left.
    expect(progressLine(info(49, 100), { stepsPerEpoch: 50, batchSize: 100 }))
      .toBe('epoch 1/2 [############............]  50%  1,000 samples/s  loss 123.46  kl 3.46  ETA 0:05');
    expect(progressLine(info(99, 100), { stepsPerEpoch: 50, batchSize: 100 })).toMatch(/^epoch 2\/2 \[#{24}\] 100% .* ETA 0:00$/);
    expect(progressLine(info(0, 100, 0), { stepsPerEpoch: 50, batchSize: 100 })).toMatch(/\[\.{24}\] {3}1% .* ETA --:--$/);
    expect([clock(95), clock(3725), clock(-3)]).toEqual(['1:35', '1:02:05', '0:00']);
  });

  it('prints a plain line every quarter of training and at the last step when not a terminal', () => {
    const lines: string[] = [];
    const log = new Writable({ write(chunk, _encoding, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    const bar = trainingProgress(log, { stepsPerEpoch: 8, batchSize: 10, plainEvery: 0.25 });
    for (let step = 0; step < 16; step++) bar.update(info(step, 16));
    bar.done();
    // Fractions 1/16, then the first at or past 1/16 + 1/4 each time: steps 1, 5, 9, 13 and the last.
    expect(lines.map((line) => /(\d+)%/.exec(line)![1])).toEqual(['6', '31', '56', '81', '100']);
    expect(lines.join('\n')).not.toContain('\x1b');
  });

  it('redraws one line in place on a terminal, leaves the last one when done and no timer behind', () => {
    vi.useFakeTimers();
    try {
      const term = virtualTerminal(100);
      term.write('training vae on mnist\n');
      const bar = trainingProgress(term, { stepsPerEpoch: 50, batchSize: 100 });
      for (let step = 0; step < 50; step++) bar.update(info(step, 100));
      vi.advanceTimersByTime(100);
      expect(term.screen()).toEqual(['training vae on mnist', progressLine(info(49, 100), { stepsPerEpoch: 50, batchSize: 100 })]);
      expect(term.cursorHidden()).toBe(true);
      for (let step = 50; step < 100; step++) bar.update(info(step, 100));
      bar.done();
      term.write('measuring the held-out ELBO\n');
      expect(term.screen()).toEqual(['training vae on mnist', progressLine(info(99, 100), { stepsPerEpoch: 50, batchSize: 100 }), 'measuring the held-out ELBO']);
      expect(term.cursorHidden()).toBe(false);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
