import type Database from 'better-sqlite3';
import { existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StoreError, isStorageError } from './errors.ts';
import { openDatabase } from './open.ts';
import type { RunRow, SweepRow } from './rows.ts';
import { ExperimentStore } from './store.ts';
import type { RunStatus } from './types.ts';

/** What `mergeStores` did. */
export interface MergeResult {
  into: string;
  /** Runs new to the target. */
  added: number;
  /** Target runs replaced by a further-along copy (e.g. interrupted → completed). */
  replaced: number;
  /** Input runs the target already had at least as far along. */
  kept: number;
  /** Sweeps inserted or updated to a newer definition. */
  sweeps: number;
}

/** How far along a run is; when two stores hold one run, the higher rank wins. */
const RANK: Record<RunStatus, number> = { scheduled: 0, running: 1, interrupted: 2, failed: 3, diverged: 4, completed: 5 };

const RUN_COLUMNS = ['sweep', 'config_hash', 'ordinal', 'variant', 'dataset', 'seed', 'profile', 'status', 'error', 'diverged_step',
  'started_at', 'ended_at', 'duration_ms', 'host', 'pid', 'backend', 'git_commit', 'worker_id', 'attempts'] as const;

/**
 * Unions stores (e.g. one per shard) into `into`, creating it when missing. Runs are matched
 * by sweep and config hash; a run new to the target is copied with its parameters, series,
 * summaries and artifacts; a run in both is replaced only when the input's copy is further
 * along (completed > diverged > failed > interrupted > running > scheduled). Sweeps keep the
 * most recently updated definition. Each input is merged in one transaction; merging the same
 * inputs again changes nothing.
 */
export function mergeStores(inputs: readonly string[], into: string): MergeResult {
  const target = resolve(into);
  for (const input of inputs) {
    if (!existsSync(input)) throw new StoreError(input, 'no such store');
    if (existsSync(target) && realpathSync(input) === realpathSync(target)) throw new StoreError(input, 'cannot merge a store into itself');
  }
  // Open every input first: a bad one stops the merge before the target is touched.
  const sources = inputs.map((input) => ({ input, db: openDatabase(resolve(input), { readonly: true }) }));
  const fresh = !existsSync(target) || statSync(target).size === 0;
  // A new target is built beside its final name and renamed into place once whole, so a crash or
  // a full disk never leaves a half store under that name. An existing one may have other
  // writers, so it is changed in place, one transaction per input.
  const building = fresh ? join(dirname(target), `.${basename(target)}.${process.pid}.tmp`) : target;
  const result: MergeResult = { into: target, added: 0, replaced: 0, kept: 0, sweeps: 0 };
  try {
    const store = ExperimentStore.open(building);
    try {
      for (const { input, db } of sources) {
        try {
          store.write(() => mergeOne(db, store.db, result));
        } catch (error) {
          throw isStorageError(error) ? new StoreError(target, `cannot write the merged store (${(error as Error).message}); nothing of ${input} was merged`) : error;
        }
      }
    } finally {
      store.close();
    }
    if (fresh) renameSync(building, target);
  } catch (error) {
    if (fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
    throw error;
  } finally {
    for (const { db } of sources) db.close();
  }
  return result;
}

function mergeOne(src: Database.Database, dst: Database.Database, result: MergeResult): void {
  for (const sweep of src.prepare('SELECT * FROM sweeps ORDER BY name').all() as SweepRow[]) {
    const have = dst.prepare('SELECT * FROM sweeps WHERE name = ?').get(sweep.name) as SweepRow | undefined;
    if (!have) {
      dst.prepare('INSERT INTO sweeps (name, definition, file, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(sweep.name, sweep.definition, sweep.file, sweep.created_at, sweep.updated_at);
      result.sweeps++;
    } else if (sweep.updated_at > have.updated_at || sweep.created_at < have.created_at) {
      const newer = sweep.updated_at > have.updated_at ? sweep : have;
      dst.prepare('UPDATE sweeps SET definition = ?, file = ?, updated_at = ?, created_at = ? WHERE name = ?')
        .run(newer.definition, newer.file, newer.updated_at, Math.min(sweep.created_at, have.created_at), sweep.name);
      result.sweeps++;
    }
  }
  const find = dst.prepare('SELECT id, status FROM runs WHERE sweep = ? AND config_hash = ?');
  const insert = dst.prepare(`INSERT INTO runs (${RUN_COLUMNS.join(', ')}) VALUES (${RUN_COLUMNS.map(() => '?').join(', ')})`);
  const update = dst.prepare(`UPDATE runs SET ${RUN_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  for (const run of src.prepare('SELECT * FROM runs ORDER BY id').all() as RunRow[]) {
    const values = RUN_COLUMNS.map((c) => run[c]);
    const have = find.get(run.sweep, run.config_hash) as { id: number; status: RunStatus } | undefined;
    if (!have) {
      const id = Number(insert.run(...values).lastInsertRowid);
      copyChildren(src, dst, run.id, id);
      result.added++;
    } else if (RANK[run.status as RunStatus] > RANK[have.status]) {
      update.run(...values, have.id);
      for (const table of ['params', 'series', 'summaries', 'artifacts']) dst.prepare(`DELETE FROM ${table} WHERE run_id = ?`).run(have.id);
      copyChildren(src, dst, run.id, have.id);
      result.replaced++;
    } else {
      result.kept++;
    }
  }
}

function copyChildren(src: Database.Database, dst: Database.Database, from: number, to: number): void {
  const copies: [string, string[]][] = [
    ['params', ['key', 'value']],
    ['series', ['key', 'step', 'value']],
    ['summaries', ['key', 'value']],
    ['artifacts', ['name', 'kind', 'mime', 'bytes', 'size', 'created_at']],
  ];
  for (const [table, columns] of copies) {
    const insert = dst.prepare(`INSERT INTO ${table} (run_id, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`);
    const rows = src.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE run_id = ?`).raw().iterate(from) as Iterable<unknown[]>;
    for (const row of rows) insert.run(to, ...row);
  }
}
