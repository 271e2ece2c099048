import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { StoreError } from './errors.ts';
import { openDatabase } from './open.ts';
import type { OpenStoreOptions } from './open.ts';
import * as q from './queries.ts';
import { withBusyRetry } from './retry.ts';
import { paramText } from './rows.ts';
import type {
  Artifact, ArtifactInfo, ArtifactKind, FinishRunInput, JsonValue, SeriesEntry, RunFilter, RunRecord, RunStatus,
  RunWithDetails, ScheduleResult, ScheduleRunInput, SeriesPoint, SweepRecord, SweepSummary,
} from './types.ts';

/** Options of `ExperimentStore.open`. */
export type StoreOpenOptions = OpenStoreOptions;

/** Who claims a run, and which runs it may claim. */
export interface ClaimOptions {
  /** Only runs of this sweep. @default any sweep */
  sweep?: string;
  /** Only these run ids (the runs of one session or shard). @default any run */
  runIds?: readonly number[];
  /** Statuses that may be claimed. @default ['scheduled', 'interrupted'] */
  statuses?: readonly RunStatus[];
  /** Recorded in `runs.host`. @default os.hostname() */
  host?: string;
  /** Recorded in `runs.pid`; `repair()` checks it is alive. @default process.pid */
  pid?: number;
  /** Recorded in `runs.worker_id`. @default null */
  workerId?: string | null;
  /** Recorded in `runs.git_commit`. @default null */
  gitCommit?: string | null;
}

/** Options of `repair`. */
export interface RepairOptions {
  /** Interrupt `running` runs of every host, not only dead pids of this one (after a node crashed). @default false */
  anyHost?: boolean;
  /** This host's name. @default os.hostname() */
  host?: string;
  /** Whether a pid of this host is alive. @default a signal-0 probe */
  isAlive?: (pid: number) => boolean;
}

/** True when a process with this pid exists on this host. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The SQLite experiment store: sweeps, runs, parameters, training series, final summaries and
 * artifacts. One file, WAL journal, safe for many processes of one host at once: every write
 * is one IMMEDIATE transaction retried on SQLITE_BUSY, so a logical step is written whole or
 * not at all. See the package README for the schema.
 */
export class ExperimentStore {
  private constructor(
    /** The underlying connection, for ad hoc read queries. */
    readonly db: Database.Database,
    /** Absolute path of the store file. */
    readonly path: string,
  ) {}

  /**
   * Opens (creating the file and its directory when missing, unless `create: false`) and upgrades a
   * store; `readonly` opens without writing. Any bad file is a {@link StoreError} naming it.
   * @param path store file (`storePathIn(root)` is the default location of a repository)
   */
  static open(path: string, options: StoreOpenOptions = {}): ExperimentStore {
    const file = resolve(path);
    return new ExperimentStore(openDatabase(file, options), file);
  }

  /** Runs `fn` in one IMMEDIATE transaction, retried when the database is busy. */
  write<T>(fn: () => T): T {
    return withBusyRetry(() => this.db.transaction(fn).immediate());
  }

  /** The schema version (`PRAGMA user_version`). */
  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Inserts a sweep or updates its definition and file; `updated_at` moves only when they change. */
  upsertSweep(input: { name: string; definition: JsonValue; file?: string | null }): SweepRecord {
    const now = Date.now();
    const definition = JSON.stringify(input.definition);
    this.write(() => {
      this.db.prepare(`
        INSERT INTO sweeps (name, definition, file, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(name) DO UPDATE SET definition = excluded.definition, file = excluded.file, updated_at = excluded.updated_at
        WHERE sweeps.definition IS NOT excluded.definition OR sweeps.file IS NOT excluded.file
      `).run(input.name, definition, input.file ?? null, now, now);
    });
    return this.getSweep(input.name)!;
  }

  /**
   * Inserts the runs that are not in the store yet (matched by sweep and config hash) with their
   * parameters, status `scheduled`. Existing runs are left as they are, whatever their status.
   */
  scheduleRuns(sweep: string, runs: readonly ScheduleRunInput[]): ScheduleResult {
    return this.write(() => {
      const insert = this.db.prepare(`
        INSERT INTO runs (sweep, config_hash, ordinal, variant, dataset, seed, profile, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'scheduled')`);
      const insertParam = this.db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
      const lookup = this.db.prepare('SELECT id FROM runs WHERE sweep = ? AND config_hash = ?');
      const runIds: number[] = [];
      let inserted = 0;
      runs.forEach((run, index) => {
        const existing = lookup.get(sweep, run.configHash) as { id: number } | undefined;
        if (existing) {
          runIds.push(existing.id);
          return;
        }
        const info = insert.run(sweep, run.configHash, run.ordinal ?? index, run.variant, run.dataset, run.seed, run.profile);
        const id = Number(info.lastInsertRowid);
        for (const [key, value] of Object.entries(run.params)) insertParam.run(id, key, paramText(value));
        runIds.push(id);
        inserted++;
      });
      return { runIds, inserted };
    });
  }

  /**
   * Atomically takes the first claimable run (lowest ordinal) and marks it `running` with this
   * process's host, pid and worker. Data of an earlier, unfinished attempt (series, summaries,
   * artifacts) is deleted in the same transaction. Returns undefined when nothing is left.
   */
  claimNext(options: ClaimOptions = {}): RunWithDetails | undefined {
    const statuses = options.statuses ?? ['scheduled', 'interrupted'];
    const id = this.write(() => {
      const where = ['status IN (SELECT value FROM json_each(?))'];
      const args: unknown[] = [JSON.stringify(statuses)];
      if (options.sweep !== undefined) { where.push('sweep = ?'); args.push(options.sweep); }
      if (options.runIds !== undefined) { where.push('id IN (SELECT value FROM json_each(?))'); args.push(JSON.stringify(options.runIds)); }
      const row = this.db.prepare(`SELECT id FROM runs WHERE ${where.join(' AND ')} ORDER BY ordinal, id LIMIT 1`).get(...args) as
        | { id: number } | undefined;
      if (!row) return undefined;
      this.clearRunData(row.id);
      this.db.prepare(`
        UPDATE runs SET status = 'running', started_at = ?, ended_at = NULL, duration_ms = NULL, error = NULL,
          diverged_step = NULL, backend = NULL, host = ?, pid = ?, worker_id = ?, git_commit = ?, attempts = attempts + 1
        WHERE id = ?`).run(Date.now(), options.host ?? hostname(), options.pid ?? process.pid, options.workerId ?? null,
        options.gitCommit ?? null, row.id);
      return row.id;
    });
    return id === undefined ? undefined : this.getRun(id);
  }

  private clearRunData(runId: number): void {
    for (const table of ['series', 'summaries', 'artifacts']) this.db.prepare(`DELETE FROM ${table} WHERE run_id = ?`).run(runId);
  }

  private insertSeries(runId: number, points: readonly SeriesEntry[]): void {
    const stmt = this.db.prepare('INSERT OR REPLACE INTO series (run_id, key, step, value) VALUES (?, ?, ?, ?)');
    for (const p of points) stmt.run(runId, p.key, Math.trunc(p.step), Number.isNaN(p.value) ? null : p.value);
  }

  private insertSummaries(runId: number, values: Record<string, number>): void {
    const stmt = this.db.prepare('INSERT OR REPLACE INTO summaries (run_id, key, value) VALUES (?, ?, ?)');
    for (const [key, value] of Object.entries(values)) stmt.run(runId, key, Number.isNaN(value) ? null : value);
  }

  /** Appends a batch of series points in one transaction (a point at an existing key and step replaces it). */
  logSeries(runId: number, points: readonly SeriesEntry[]): void {
    if (points.length > 0) this.write(() => this.insertSeries(runId, points));
  }

  /** Sets final summaries of a run (keys like `mig`, `kl/dim3`, `active_units`), replacing same keys. */
  setSummaries(runId: number, values: Record<string, number>): void {
    this.write(() => this.insertSummaries(runId, values));
  }

  /** Stores (or replaces) a named artifact of a run. */
  addArtifact(runId: number, artifact: { name: string; kind: ArtifactKind; mime: string; bytes: Uint8Array }): void {
    this.write(() => {
      this.db.prepare(`INSERT OR REPLACE INTO artifacts (run_id, name, kind, mime, bytes, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(runId, artifact.name, artifact.kind, artifact.mime, Buffer.from(artifact.bytes.buffer, artifact.bytes.byteOffset,
          artifact.bytes.byteLength), artifact.bytes.byteLength, Date.now());
    });
  }

  /** Records the compute backend a run uses (e.g. `wasm`, `cpu`). */
  setBackend(runId: number, backend: string): void {
    this.write(() => this.db.prepare('UPDATE runs SET backend = ? WHERE id = ?').run(backend, runId));
  }

  /**
   * Ends a `running` run: buffered series points, summaries, status, error and end time in one
   * transaction; a `failed` or `interrupted` run loses the artifacts it stored so far. Returns
   * false (and writes nothing) when the run is no longer `running`.
   */
  finishRun(runId: number, input: FinishRunInput): boolean {
    return this.write(() => {
      const now = Date.now();
      const info = this.db.prepare(`
        UPDATE runs SET status = ?, error = ?, diverged_step = ?, ended_at = ?, duration_ms = ? - COALESCE(started_at, ?)
        WHERE id = ? AND status = 'running'`).run(input.status, input.error ?? null, input.divergedStep ?? null, now, now, now, runId);
      if (info.changes === 0) return false;
      // A run that did not finish keeps no half set of artifacts (a sample grid without its checkpoint).
      if (input.status === 'failed' || input.status === 'interrupted') this.db.prepare('DELETE FROM artifacts WHERE run_id = ?').run(runId);
      this.insertSeries(runId, input.series ?? []);
      this.insertSummaries(runId, input.summaries ?? {});
      return true;
    });
  }

  /** Marks these runs `interrupted` if they are still `running` (dropping their artifacts); returns how many changed. */
  markInterrupted(runIds: readonly number[], reason = 'interrupted'): number {
    return this.write(() => {
      const ids = JSON.stringify(runIds);
      const now = Date.now();
      const changed = this.db.prepare(`
        UPDATE runs SET status = 'interrupted', error = ?, ended_at = ?, duration_ms = ? - COALESCE(started_at, ?)
        WHERE status = 'running' AND id IN (SELECT value FROM json_each(?))`).run(reason, now, now, now, ids).changes;
      if (changed > 0) this.db.prepare(`DELETE FROM artifacts WHERE run_id IN (SELECT value FROM json_each(?))
        AND run_id IN (SELECT id FROM runs WHERE status = 'interrupted')`).run(ids);
      return changed;
    });
  }

  /** Puts `interrupted` runs among these ids back to `scheduled`; returns how many changed. */
  requeueInterrupted(runIds: readonly number[]): number {
    return this.write(() => this.db.prepare(`
      UPDATE runs SET status = 'scheduled' WHERE status = 'interrupted' AND id IN (SELECT value FROM json_each(?))`)
      .run(JSON.stringify(runIds)).changes);
  }

  /**
   * Marks `running` runs whose process is gone as `interrupted`: runs of this host whose pid is
   * not alive, or every running run with `anyHost`. Returns the runs it changed.
   */
  repair(options: RepairOptions = {}): RunRecord[] {
    const host = options.host ?? hostname();
    const alive = options.isAlive ?? pidAlive;
    const stale = this.write(() => {
      const running = q.listRunRecords(this.db, { status: 'running' });
      const dead = running.filter((r) => options.anyHost || (r.host === host && (r.pid === null || !alive(r.pid))));
      const stmt = this.db.prepare(`UPDATE runs SET status = 'interrupted', error = ?, ended_at = ?,
        duration_ms = ? - COALESCE(started_at, ?) WHERE id = ? AND status = 'running'`);
      const dropArtifacts = this.db.prepare('DELETE FROM artifacts WHERE run_id = ?');
      const now = Date.now();
      for (const r of dead) {
        stmt.run(`process ${r.pid ?? '?'} on ${r.host ?? '?'} ended while the run was running`, now, now, now, r.id);
        dropArtifacts.run(r.id);
      }
      return dead.map((r) => r.id);
    });
    return stale.length ? q.listRunRecords(this.db, { ids: stale }) : [];
  }

  /** `PRAGMA integrity_check`: `['ok']` for a sound file, else SQLite's list of problems. */
  integrityCheck(): string[] {
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  }

  /** A sweep by name. */
  getSweep(name: string): SweepRecord | undefined { return q.getSweep(this.db, name); }
  /** Every sweep with its run counts by status, by name. */
  listSweeps(): SweepSummary[] { return q.listSweeps(this.db); }
  /** Runs with parameters and summaries, ordered by sweep and expansion order. */
  listRuns(filter: RunFilter = {}): RunWithDetails[] { return q.listRuns(this.db, filter); }
  /** Run rows only (no parameters or summaries); cheaper for large stores. */
  listRunRecords(filter: RunFilter = {}): RunRecord[] { return q.listRunRecords(this.db, filter); }
  /** One run with parameters and summaries. */
  getRun(id: number): RunWithDetails | undefined { return q.getRun(this.db, id); }
  /** The run of a sweep with this config hash. */
  findRun(sweep: string, configHash: string): RunWithDetails | undefined { return q.findRun(this.db, sweep, configHash); }
  /** Parameters of a run (JSON values). */
  getParams(runId: number): Record<string, JsonValue> { return q.getParams(this.db, runId); }
  /** Final summaries of a run; NaN where a non-finite value was stored. */
  getSummaries(runId: number): Record<string, number> { return q.getSummaries(this.db, runId); }
  /** Names of the series a run logged. */
  listSeriesKeys(runId: number): string[] { return q.listSeriesKeys(this.db, runId); }
  /** One series of a run, by step. */
  getSeries(runId: number, key: string): SeriesPoint[] { return q.getSeries(this.db, runId, key); }
  /** Every series of a run, by key then step. */
  getAllSeries(runId: number): Record<string, SeriesPoint[]> { return q.getAllSeries(this.db, runId); }
  /** Artifacts of a run without their bytes. */
  listArtifacts(runId: number): ArtifactInfo[] { return q.listArtifacts(this.db, runId); }
  /** One artifact with its bytes. */
  getArtifact(runId: number, name: string): Artifact | undefined { return q.getArtifact(this.db, runId, name); }

  /** Closes the connection (checkpointing the WAL when this is the last one). */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
