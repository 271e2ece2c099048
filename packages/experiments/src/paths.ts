import { isAbsolute, relative } from 'node:path';
import { findRepoRoot } from '@vaelab/core/paths';
import { storePathIn } from '@vaelab/tracking';

export { findRepoRoot };

/** `.vaelab/runs.sqlite` under the repository root. */
export function defaultStorePath(from: string = process.cwd()): string {
  return storePathIn(findRepoRoot(from));
}

/** A path as shown in messages: relative to the working directory when inside it, else absolute. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
