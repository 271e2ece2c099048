import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary directory and a function that removes it (for tests). */
export function tempDir(prefix = 'vaelab-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For a test suite: returns a function giving a fresh temporary folder; every folder is removed
 * after its test. Call it before the suite's own `afterEach` hooks, so those (closing a store in
 * the folder) run first.
 */
export function useTempDirs(prefix = 'vaelab-'): () => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return () => {
    const tmp = tempDir(prefix);
    cleanups.push(tmp.cleanup);
    return tmp.dir;
  };
}

/**
 * For a test suite: returns a function giving a store path in a fresh temporary folder; every
 * folder is removed after its test.
 */
export function useTempStores(): () => string {
  const folder = useTempDirs();
  return () => join(folder(), 'runs.sqlite');
}

/** True when this process may mount filesystems (root, as in CI). */
export const canMount = process.getuid?.() === 0;

/**
 * Makes `folder` and `files` in it read-only until the returned function is called. Root ignores
 * permission bits, so as root the folder becomes a read-only bind mount of itself.
 */
export function makeReadOnly(folder: string, files: readonly string[] = []): () => void {
  if (canMount) {
    execFileSync('mount', ['--bind', '-o', 'ro', folder, folder]);
    return () => execFileSync('umount', [folder]);
  }
  for (const file of files) chmodSync(file, 0o444);
  chmodSync(folder, 0o555);
  return () => {
    chmodSync(folder, 0o755);
    for (const file of files) chmodSync(file, 0o644);
  };
}

/**
 * Creates `folder` as a tmpfs of `size` (e.g. `'2m'`), a disk that fills up; returns the function
 * that unmounts it. Needs {@link canMount}.
 */
export function smallDisk(folder: string, size: string): () => void {
  mkdirSync(folder, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', folder]);
  return () => execFileSync('umount', [folder]);
}
