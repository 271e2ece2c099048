import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { displayPath, findRepoRoot } from '../paths.ts';
import { SweepError } from './errors.ts';
import { registerSweepResolution } from './sweep-resolution.ts';
import { validateSweep } from './validate.ts';
import type { PreparedSweep, SweepValidationOptions } from './validate.ts';

/** Where a sweep file is: `beta` → `<root>/experiments/beta.ts`; anything with a slash or an extension is a path from `cwd`. */
export function resolveSweepFile(nameOrPath: string, cwd: string = process.cwd()): string {
  if (/[\\/]/.test(nameOrPath) || /\.(m?[tj]s)$/.test(nameOrPath)) return isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
  return join(findRepoRoot(cwd), 'experiments', `${nameOrPath}.ts`);
}

/** The first lines of a loader error, without the stack and with the absolute path shortened. */
function describeLoadError(error: unknown, file: string, shown: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((l) => l.split(file).join(shown).trim()).filter((l) => l && !/^(at |- |Require stack)/.test(l));
  const detail = lines.filter((l) => !/^Transform failed with/.test(l)).slice(0, 3).join('; ');
  const kind = /Transform failed|SyntaxError|ERROR:/.test(text) ? 'syntax error' : 'cannot load';
  return `${kind}: ${detail || text}`;
}

/**
 * Imports a sweep file through tsx and returns its default export, unvalidated. The file may
 * live anywhere on disk: its `@vaelab/*` imports resolve to the installed packages (see
 * `registerSweepResolution`). A missing file, a syntax error, a failing import or a missing
 * default export becomes a `SweepError` naming the file.
 */
export async function loadSweepFile(nameOrPath: string, cwd: string = process.cwd()): Promise<{ file: string; shown: string; raw: unknown }> {
  const file = resolveSweepFile(nameOrPath, cwd);
  const shown = displayPath(file, cwd);
  if (!existsSync(file)) throw new SweepError(shown, [{ path: '', message: 'no such sweep file' }]);
  let mod: { default?: unknown };
  registerSweepResolution();
  try {
    mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
  } catch (error) {
    throw new SweepError(shown, [{ path: '', message: describeLoadError(error, file, shown) }]);
  }
  let raw = mod.default;
  // A file outside an ESM package is compiled as CommonJS: its default export arrives wrapped.
  if (raw !== null && typeof raw === 'object' && (raw as { __esModule?: unknown }).__esModule === true) {
    raw = (raw as { default?: unknown }).default;
  }
  if (raw === undefined) {
    throw new SweepError(shown, [{ path: '', message: 'no default export; write `export default defineSweep({ ... })`' }]);
  }
  return { file, shown, raw };
}

/** Loads and validates a sweep file: `validateSweep` on its default export, messages naming the file. */
export async function prepareSweep(
  nameOrPath: string,
  options: Omit<SweepValidationOptions, 'file'> & { cwd?: string },
): Promise<PreparedSweep> {
  const { file, shown, raw } = await loadSweepFile(nameOrPath, options.cwd);
  return { ...validateSweep(raw, { ...options, file: shown }), file };
}
