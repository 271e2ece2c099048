import cliProgress from 'cli-progress';
import type { GenericBar, Options } from 'cli-progress';

/** Where a progress display writes: a terminal when `isTTY`, else a log (CI, a pipe, a file). */
export type DisplayStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Options of {@link liveBlock}. */
export interface LiveBlockOptions {
  /** Shortest interval between two redraws, in milliseconds. @default 100 */
  redrawMs?: number;
}

/**
 * Lines kept at the bottom of a terminal and redrawn in place, with other lines printed above
 * them: the live part of both vaelab displays, the sweep's block (a header and a line per active
 * run) and `vaelab train`'s progress bar. Drawn by cli-progress's MultiBar, one bar per line,
 * each bar's text formatted by the caller; cli-progress moves the cursor, hides it while drawing,
 * cuts the block's lines at the terminal's width, and throttles redraws.
 */
export interface LiveBlock {
  /** Replaces the block's lines; drawn at the next redraw. */
  show(lines: readonly string[]): void;
  /** Prints a line above the block at the next redraw, or at once when `now`. */
  log(line: string, now?: boolean): void;
  /** Draws now rather than at the next tick. */
  flush(): void;
  /** Erases the block, or with `keep` leaves its last lines on screen; shows the cursor again and ends the redraw timer. Idempotent. */
  stop(keep?: boolean): void;
}

interface LinePayload { line: string }

/** The bar's whole text is the caller's line: the display decides what a line says. */
const asIs = (_options: Options, _params: unknown, payload: LinePayload): string => payload.line;

/** Starts a live block on a terminal stream. */
export function liveBlock(stream: DisplayStream, options: LiveBlockOptions = {}): LiveBlock {
  const multi = new cliProgress.MultiBar({
    stream,
    format: asIs as unknown as Options['format'],
    fps: 1000 / Math.max(1, options.redrawMs ?? 100),
    hideCursor: true,
    // cli-progress cuts each block line at the terminal's width; the lines printed above the
    // block wrap as usual, so a long error message stays whole.
    linewrap: true,
    clearOnComplete: true,
    // A line printed above the block moves every line down: each is redrawn, not only the changed ones.
    forceRedraw: true,
    // The sweep answers Ctrl-C itself (running runs become interrupted) and stops the block then.
    gracefulExit: false,
  });
  const bars: GenericBar[] = [];
  let shown: readonly string[] = [];
  let stopped = false;
  return {
    show(lines) {
      if (stopped) return;
      shown = [...lines];
      while (bars.length > lines.length) multi.remove(bars.pop()!);
      lines.forEach((line, i) => {
        if (i < bars.length) bars[i].update({ line });
        else bars.push(multi.create(1, 0, { line }));
      });
    },
    log(line, now = false) {
      if (stopped) return;
      multi.log(`${line}\n`);
      if (now) multi.update();
    },
    flush() {
      if (!stopped) multi.update();
    },
    stop(keep = false) {
      if (stopped) return;
      stopped = true;
      // cli-progress drops lines still waiting to be printed when it stops: print them first.
      multi.update();
      multi.stop();
      if (keep && shown.length > 0) stream.write(`${shown.join('\n')}\n`);
    },
  };
}

/** The bar of a fraction as cli-progress draws it: `width` characters of `complete` then `incomplete`. */
export function barText(fraction: number, width: number, complete = '#', incomplete = '.'): string {
  return cliProgress.Format.BarFormat(Math.min(1, Math.max(0, fraction)), {
    barsize: width,
    barGlue: '',
    barCompleteString: complete.repeat(width + 1),
    barIncompleteString: incomplete.repeat(width + 1),
  } as unknown as Options);
}
