import { register } from 'node:module';

/**
 * Module-resolution hooks for sweep files, which are TypeScript and may live anywhere on disk.
 *
 * 1. A sweep file imports `@vaelab/experiments` (and may import other `@vaelab/*` packages). Outside
 *    a project that installs them, Node finds no `node_modules` above the file; such an import is
 *    then resolved from this package's own location, where the installed vaelab packages are.
 *    A project that installs its own copy keeps it: the fallback only runs when resolution failed.
 * 2. A `.ts` file outside any `"type": "module"` package would be compiled by tsx as CommonJS,
 *    whose `require` bypasses these hooks. Sweep files are ES modules (`export default
 *    defineSweep(...)`), so TypeScript files outside `node_modules` are loaded as ES modules.
 *
 * The hooks are module source passed as a `data:` URL: they run on Node's loader thread and
 * need no file of their own, in the sources and in `dist/` alike.
 */
const HOOKS = `
let fallbackParent;
export function initialize(data) { fallbackParent = data.fallbackParent; }
export async function resolve(specifier, context, nextResolve) {
  let resolved;
  try {
    resolved = await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.startsWith('@vaelab/') || context.parentURL === fallbackParent) throw error;
    return nextResolve(specifier, { ...context, parentURL: fallbackParent });
  }
  if (resolved.format !== 'module' && resolved.url.startsWith('file:') && !resolved.url.includes('/node_modules/')
      && /\\.ts$/.test(new URL(resolved.url).pathname)) {
    return { ...resolved, format: 'module' };
  }
  return resolved;
}`;

let registered = false;

/** Installs the sweep-file resolution hooks in this process, once. */
export function registerSweepResolution(): void {
  if (registered) return;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { fallbackParent: import.meta.url } });
  registered = true;
}
