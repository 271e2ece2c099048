import { basename, dirname, extname, join } from 'node:path';

/** Folder of vaelab's working files under a repository root. */
export const STORE_DIR = '.vaelab';

/** File name of the default store inside {@link STORE_DIR}. */
export const STORE_FILE = 'runs.sqlite';

/** The default store of a repository: `<root>/.vaelab/runs.sqlite`. */
export function storePathIn(root: string): string {
  return join(root, STORE_DIR, STORE_FILE);
}

/**
 * Where the pages of a store go when no output folder is given. The default store
 * `<root>/.vaelab/runs.sqlite` keeps its pages in `<root>/reports/`; any other store gets a folder
 * next to it named after its file (`results/shard-0.sqlite` -> `results/shard-0-reports/`), so two
 * stores never write over each other's pages, even when they share a folder.
 */
export function reportsDirFor(storePath: string): string {
  const folder = dirname(storePath);
  if (basename(storePath) === STORE_FILE && basename(folder) === STORE_DIR) return join(dirname(folder), 'reports');
  const file = basename(storePath);
  const stem = extname(file) === '' ? file : file.slice(0, -extname(file).length);
  return join(folder, `${stem}-reports`);
}
