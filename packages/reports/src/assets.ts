import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cache = new Map<string, string>();

/**
 * A browser bundle shipped inside an npm package, found from the package's main entry (the
 * bundles are not in the packages' `exports`, so they cannot be resolved by name). Callers
 * resolve the entry with a literal `require.resolve('<package>')`, so that the dependency is
 * visible to the workspace's check of declared dependencies.
 */
function bundle(entry: string, file: string): string {
  const key = `${entry}/${file}`;
  let text = cache.get(key);
  if (text === undefined) {
    let dir = dirname(entry);
    while (!dir.endsWith('/dist') && dirname(dir) !== dir) dir = dirname(dir);
    text = readFileSync(join(dir, file), 'utf8');
    // Inlined into <script>: a literal end tag would close the element early.
    if (/<\/script/i.test(text)) text = text.replace(/<\/script/gi, '<\\/script');
    cache.set(key, text);
  }
  return text;
}

/** chart.js's UMD build (defines the global `Chart`). */
export const chartJsBundle = (): string => bundle(require.resolve('chart.js'), 'chart.umd.js');
