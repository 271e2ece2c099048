import { existsSync } from 'node:fs';
import { displayPath } from '@vaelab/experiments/paths';
import { ExperimentStore, StoreError } from '@vaelab/tracking';
import type { StoreOpenOptions } from '@vaelab/tracking';
import { UserError } from './command.ts';

/**
 * Opens a store for a command. A missing default store, a bad file (not SQLite, damaged, a folder,
 * from a newer vaelab, read-only for a writer) becomes one line naming the file, exit code 2.
 * Reading commands pass `readonly: true`: they never write, so a store that cannot be written
 * can still be read.
 */
export function openStoreFor(path: string, options: StoreOpenOptions = {}): ExperimentStore {
  if (options.readonly && !existsSync(path)) throw new UserError(`no store at ${displayPath(path)}; run a sweep first or pass --db`, 2);
  try {
    return ExperimentStore.open(path, options);
  } catch (error) {
    throw asUserError(error);
  }
}

/** A StoreError as the one line and exit code 2 the commands answer a bad store with; other errors unchanged. */
export function asUserError(error: unknown): unknown {
  return error instanceof StoreError ? new UserError(`${displayPath(error.path)}: ${error.reason}`, 2) : error;
}
