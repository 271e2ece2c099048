import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the worker and the default executor are, and how a worker process is started.
 *
 * In the workspace this package runs from its TypeScript sources (through tsx or vitest); once
 * built and installed it runs from `dist/` as plain JavaScript. The sibling modules a worker
 * needs are named with the extension of the running file, so the published package forks
 * `dist/runner/worker.js` with no TypeScript loader and no network.
 */
const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');
const extension = RUNNING_FROM_SOURCE ? '.ts' : '.js';

/** A module of this package, given its path from `src/` or `dist/` without an extension. */
function ownModule(pathFromRoot: string): string {
  return fileURLToPath(new URL(`../${pathFromRoot}${extension}`, import.meta.url));
}

/** The executor used when a sweep names none: `execute/index` of this package. */
export const DEFAULT_EXECUTOR = ownModule('execute/index');

/** The worker process entry: `runner/worker` of this package. */
export const WORKER_ENTRY = ownModule('runner/worker');

/** Whether a module must be loaded through tsx: TypeScript sources (`.ts`, `.mts`, `.cts`). */
export function isTypeScript(path: string): boolean {
  return /\.[cm]?ts$/.test(path);
}

/**
 * Node options of a worker process. tsx is registered only when the worker or the executor is
 * TypeScript (in the workspace, or a user's `.ts` executor); it is resolved from this package's
 * own dependencies, never fetched.
 */
export function workerExecArgv(executor: string): string[] {
  if (!isTypeScript(WORKER_ENTRY) && !isTypeScript(executor)) return [];
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}
