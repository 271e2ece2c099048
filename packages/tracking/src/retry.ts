/** SQLite result codes that mean "another connection holds the lock; try again". */
const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED']);

/** True for an error raised because the database was locked by another connection. */
export function isBusyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && BUSY_CODES.has(String((error as { code?: unknown }).code));
}

/** Options of `withBusyRetry`. */
export interface BusyRetryOptions {
  /** Attempts before the busy error is rethrown. @default 8 */
  attempts?: number;
  /** First back-off in milliseconds; doubles each attempt, with jitter. @default 20 */
  baseDelayMs?: number;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` (better-sqlite3 is synchronous, so the retry is too). */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Runs a write transaction, retrying when SQLite reports the database busy. The connection's
 * `busy_timeout` already waits for locks; this covers the cases SQLite reports at once
 * (a WAL snapshot that went stale, a checkpoint in recovery).
 */
export function withBusyRetry<T>(fn: () => T, options: BusyRetryOptions = {}): T {
  const attempts = options.attempts ?? 8;
  const base = options.baseDelayMs ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      return fn();
    } catch (error) {
      if (!isBusyError(error) || attempt >= attempts) throw error;
      sleepSync(base * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}
