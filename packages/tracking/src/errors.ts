/** A store that cannot be opened or used as asked: `message` is one line naming the file and what is wrong. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    /** The store file. */
    readonly path: string,
    /** What is wrong, without the path. */
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** SQLite result codes (primary, before the `_` of extended codes) that mean the disk or file could not take a write. */
const STORAGE_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']);
/** errno codes with the same meaning, from Node's file functions. */
const ERRNO_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS']);

/**
 * True for an error that says the store (or its disk) could not be written: a full disk or quota,
 * an I/O error, a file or filesystem turned read-only. Such a failure says nothing about the run
 * that hit it, so a run that ends with one is redone, never recorded as failed.
 */
export function isStorageError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = String((error as { code?: unknown }).code ?? '');
  return STORAGE_CODES.has(code.split('_').slice(0, 2).join('_')) || ERRNO_CODES.has(code);
}
