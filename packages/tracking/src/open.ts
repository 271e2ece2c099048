import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from './errors.ts';
import { SCHEMA_VERSION, migrate } from './migrations.ts';
import { withBusyRetry } from './retry.ts';

/** How a store is opened. */
export interface OpenStoreOptions {
  /** Open without writing anything to the file. @default false */
  readonly?: boolean;
  /** With `readonly: false`: create the file (and its folder) when it is missing or empty. @default true */
  create?: boolean;
  /** How long a statement waits for another connection's lock, in milliseconds. @default 10000 */
  busyTimeoutMs?: number;
}

/** The schema version and table names of an open database (SQLite reads the file here, so a bad one throws). */
function inspect(db: Database.Database): { version: number; tables: Set<string> } {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  return { version, tables };
}

/** A StoreError for an error SQLite or the filesystem raised about `file`. */
export function storeErrorFrom(file: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = (error as Error).message;
  if (code === 'SQLITE_NOTADB') return new StoreError(file, 'not a vaelab store (not an SQLite database)');
  if (code.startsWith('SQLITE_CORRUPT')) return new StoreError(file, 'damaged store (SQLite: database disk image is malformed; truncated or overwritten?)');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new StoreError(file, 'cannot write the store: the disk is full');
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new StoreError(file, 'cannot write the store: the file or its folder is read-only');
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return new StoreError(file, `cannot read or write the store: I/O error (${message})`);
  if (code === 'SQLITE_CANTOPEN') return new StoreError(file, 'cannot open the store file');
  return new StoreError(file, message);
}

/** Refuses what is not a vaelab store this code can read; returns the schema version found. */
function checkSchema(file: string, found: { version: number; tables: Set<string> }, empty: boolean): number {
  if (found.version > SCHEMA_VERSION) {
    throw new StoreError(file, `store schema version ${found.version} is newer than this vaelab understands (${SCHEMA_VERSION}); upgrade vaelab`);
  }
  if (found.version === 0 && !(empty && found.tables.size === 0)) {
    throw new StoreError(file, found.tables.size === 0 ? 'empty file, not a vaelab store' : 'an SQLite database, but not a vaelab store');
  }
  if (found.version > 0 && !found.tables.has('runs')) throw new StoreError(file, 'an SQLite database, but not a vaelab store (no runs table)');
  return found.version;
}

/**
 * A private in-memory copy of a store, brought to the current schema: how a reader reads a store
 * written by an older vaelab, or one on a read-only filesystem, without writing to it.
 */
function inMemoryCopy(file: string): Database.Database {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw storeErrorFrom(file, error);
  }
  // Bytes 18-19 of the header say "WAL"; an in-memory database cannot use a WAL, so mark it rollback.
  if (bytes.length >= 20) bytes[18] = bytes[19] = 1;
  try {
    const db = new Database(bytes);
    migrate(db);
    db.pragma('query_only = ON');
    return db;
  } catch (error) {
    throw storeErrorFrom(file, error);
  }
}

function openReadonly(file: string, timeout: number): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout });
  } catch (error) {
    // A WAL store on a read-only filesystem cannot get its shared-memory file; read a copy instead.
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_CANTOPEN')) return inMemoryCopy(file);
    throw storeErrorFrom(file, error);
  }
  let version: number;
  try {
    version = checkSchema(file, inspect(db), false);
  } catch (error) {
    db.close();
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_CANTOPEN')) return inMemoryCopy(file);
    throw storeErrorFrom(file, error);
  }
  if (version === SCHEMA_VERSION) return db;
  db.close();
  return inMemoryCopy(file);
}

function assertWritable(file: string, exists: boolean): void {
  try {
    accessSync(dirname(file), constants.W_OK);
    if (exists) accessSync(file, constants.W_OK);
  } catch (error) {
    throw storeErrorFrom(file, error);
  }
}

/**
 * Opens a store file, answering every kind of bad file with a {@link StoreError}: a missing file
 * (readers), a folder, a file that is not SQLite, a damaged one, an SQLite database that is not a
 * vaelab store, a store from a newer vaelab, a read-only location (writers). Readers never write:
 * an older store or one on a read-only filesystem is read through an in-memory copy. Writers
 * create a missing or empty file, and write nothing into a file that is not already a store.
 */
export function openDatabase(file: string, options: OpenStoreOptions = {}): Database.Database {
  const timeout = options.busyTimeoutMs ?? 10_000;
  let size: number | undefined;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new StoreError(file, 'is a folder, not a store file');
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw storeErrorFrom(file, error);
  }
  if (options.readonly) {
    if (size === undefined) throw new StoreError(file, 'no such store');
    if (size === 0) throw new StoreError(file, 'empty file, not a vaelab store');
    return openReadonly(file, timeout);
  }
  if (size === undefined && options.create === false) throw new StoreError(file, 'no such store');
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw storeErrorFrom(file, error);
  }
  assertWritable(file, size !== undefined);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout });
  } catch (error) {
    throw storeErrorFrom(file, error);
  }
  try {
    checkSchema(file, inspect(db), (size ?? 0) === 0 && options.create !== false);
    db.pragma(`busy_timeout = ${timeout}`);
    withBusyRetry(() => db.pragma('journal_mode = WAL'));
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    withBusyRetry(() => migrate(db));
  } catch (error) {
    db.close();
    throw storeErrorFrom(file, error);
  }
  return db;
}
