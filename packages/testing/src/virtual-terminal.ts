import { Writable } from 'node:stream';

/** A Writable that behaves as a terminal for a progress display, and the screen it shows. */
export interface VirtualTerminal extends Writable {
  readonly isTTY: true;
  readonly columns: number;
  /** Every byte written, escape sequences included. */
  raw(): string;
  /** The screen as a person would read it now: one string per row, trailing blanks and empty last rows dropped. */
  screen(): string[];
  /** Whether the cursor is hidden now (`ESC[?25l` without a later `ESC[?25h`). */
  cursorHidden(): boolean;
}

/**
 * A terminal screen of `columns` columns that interprets what Node's readline and the progress
 * displays send: printable text, `\n` (to the start of the next row, as a tty's output
 * translation does), `\r`, cursor moves (`ESC[nA/B/C/D`, to column `ESC[nG`, up to a row's start
 * `ESC[nF`), erasing (`ESC[0K/1K/2K/K`, `ESC[0J/J`), auto-wrap off and on (`ESC[?7l/h`) and the
 * cursor's visibility (`ESC[?25l/h`). Tests assert on the screen, not on the escape codes, so a
 * display may redraw however it likes as long as the person at the terminal sees the right rows.
 */
export function virtualTerminal(columns = 80): VirtualTerminal {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  let wrap = true;
  let hidden = false;
  const chunks: string[] = [];
  const line = (r: number): string[] => {
    while (rows.length <= r) rows.push([]);
    return rows[r];
  };
  const put = (ch: string): void => {
    if (col >= columns) {
      if (!wrap) return;
      row++;
      col = 0;
    }
    const cells = line(row);
    while (cells.length < col) cells.push(' ');
    cells[col++] = ch;
  };
  const csi = (params: string, final: string): void => {
    const n = params === '' ? 1 : Number(params);
    switch (final) {
      case 'A': row = Math.max(0, row - n); break;
      case 'B': row += n; line(row); break;
      case 'C': col = Math.min(columns - 1, col + n); break;
      case 'D': col = Math.max(0, col - n); break;
      case 'F': row = Math.max(0, row - n); col = 0; break;
      case 'G': col = Math.max(0, n - 1); break;
      case 'K': {
        const cells = line(row);
        const mode = params === '' ? 0 : Number(params);
        if (mode === 0) cells.length = Math.min(cells.length, col);
        else if (mode === 1) for (let i = 0; i <= col && i < cells.length; i++) cells[i] = ' ';
        else cells.length = 0;
        break;
      }
      case 'J':
        line(row).length = Math.min(line(row).length, col);
        rows.length = row + 1;
        break;
      default:
        throw new Error(`virtual terminal: unexpected escape sequence ESC[${params}${final}`);
    }
  };
  const interpret = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\x1b') {
        const match = /^\x1b\[(\??)(\d*)([A-Za-z])/.exec(text.slice(i));
        if (!match) throw new Error(`virtual terminal: unexpected escape ${JSON.stringify(text.slice(i, i + 8))}`);
        const [whole, private_, params, final] = match;
        if (private_ === '?') {
          if (params === '7') wrap = final === 'h';
          else if (params === '25') hidden = final === 'l';
        } else {
          csi(params, final);
        }
        i += whole.length - 1;
      } else if (ch === '\n') {
        row++;
        col = 0;
        line(row);
      } else if (ch === '\r') {
        col = 0;
      } else {
        put(ch);
      }
    }
  };
  const terminal = new Writable({
    write(chunk, _encoding, done) {
      const text = String(chunk);
      chunks.push(text);
      interpret(text);
      done();
    },
  });
  return Object.assign(terminal, {
    isTTY: true as const,
    columns,
    raw: () => chunks.join(''),
    screen: () => {
      const shown = rows.map((cells) => cells.join('').trimEnd());
      while (shown.length > 0 && shown[shown.length - 1] === '') shown.pop();
      return shown;
    },
    cursorHidden: () => hidden,
  });
}
