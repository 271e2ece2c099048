import { afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory and a function that removes it (for tests). */
export function tempDir(prefix = 'vaelab-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For a test suite: returns a function giving a store path in a fresh temporary folder; every
 * folder is removed after its test.
 */
export function useTempStores(): () => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    return join(tmp.dir, 'runs.sqlite');
  };
}
