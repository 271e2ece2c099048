import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';

/**
 * The repository root: the nearest directory at or above `from` that holds `pnpm-workspace.yaml`,
 * or `from` itself when there is none.
 */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

/** `.vaelab/runs.sqlite` under the repository root. */
export function defaultStorePath(from: string = process.cwd()): string {
  return join(findRepoRoot(from), '.vaelab', 'runs.sqlite');
}

/** A path as shown in messages: relative to the working directory when inside it, else absolute. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
