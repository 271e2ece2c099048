import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Space held beside a store, given back when the disk fills. */
export interface SpaceReserve {
  /** The reserve file, or null when there was no room for it. */
  readonly path: string | null;
  /** Deletes the reserve file (again: nothing). */
  release(): void;
}

/**
 * Holds `bytes` of disk space beside a store in a hidden file (`.runs.sqlite.reserve` next to
 * `runs.sqlite`). When a sweep finds the disk full, releasing it gives SQLite the few pages it
 * needs to record which runs did not finish, so none is left `running` on a full disk. A
 * reserve that cannot be created (the disk is already full) is simply absent.
 * @param bytes @default 262144 (256 KiB: a run's status change takes a few 4 KiB pages of write-ahead log)
 */
export function reserveSpace(storePath: string, bytes = 256 * 1024): SpaceReserve {
  const path = join(dirname(storePath), `.${basename(storePath)}.reserve`);
  try {
    writeFileSync(path, new Uint8Array(bytes));
  } catch {
    rmSync(path, { force: true });
    return { path: null, release: () => {} };
  }
  return { path, release: () => rmSync(path, { force: true }) };
}
