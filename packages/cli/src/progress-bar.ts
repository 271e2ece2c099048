import type { StepInfo } from '@vaelab/core';
import { barText, liveBlock } from '@vaelab/experiments/display';
import type { DisplayStream } from '@vaelab/experiments/display';

/** `95` → `1:35`. */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Options of {@link trainingProgress}. */
export interface TrainingProgressOptions {
  stepsPerEpoch: number;
  batchSize: number;
  /** Redraw in place. @default stream.isTTY */
  live?: boolean;
  /** Without a terminal, print a line every this fraction of training. @default 0.1 */
  plainEvery?: number;
}

/** The progress line: epoch, bar, samples/s, loss, KL, ETA. */
export function progressLine(info: StepInfo, options: TrainingProgressOptions): string {
  const fraction = (info.step + 1) / info.totalSteps;
  const epochs = Math.ceil(info.totalSteps / options.stepsPerEpoch);
  const secondsLeft = info.samplesPerSecond > 0 ? ((info.totalSteps - info.step - 1) * options.batchSize) / info.samplesPerSecond : Infinity;
  return (
    `epoch ${Math.min(epochs, info.epoch + 1)}/${epochs} [${barText(fraction, 24)}] ${(fraction * 100).toFixed(0).padStart(3)}%` +
    `  ${Math.round(info.samplesPerSecond).toLocaleString('en-US')} samples/s  loss ${info.terms.loss.toFixed(2)}  kl ${info.terms.kl.toFixed(2)}  ETA ${clock(secondsLeft)}`
  );
}

/**
 * A one-line training progress bar, redrawn in place on a terminal by the live block the sweep
 * display uses too (at most ten times a second); elsewhere (CI, pipes) a plain line every
 * `plainEvery` of training. Call `done` however training ends: it leaves the last line on screen
 * and stops the redraw timer.
 */
export function trainingProgress(stream: DisplayStream, options: TrainingProgressOptions): { update(info: StepInfo): void; done(): void } {
  const block = (options.live ?? Boolean(stream.isTTY)) ? liveBlock(stream) : undefined;
  const plainEvery = options.plainEvery ?? 0.1;
  let nextPlain = 0;
  return {
    update(info) {
      const line = progressLine(info, options);
      const fraction = (info.step + 1) / info.totalSteps;
      if (block) {
        block.show([line]);
      } else if (fraction >= nextPlain || info.step + 1 === info.totalSteps) {
        stream.write(`${line}\n`);
        nextPlain = fraction + plainEvery;
      }
    },
    done() {
      block?.stop(true);
    },
  };
}
