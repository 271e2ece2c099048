import type Database from 'better-sqlite3';
import { fromReal, toArtifactInfo, toRunRecord, toSweepRecord } from './rows.ts';
import type { ArtifactRow, RunRow, SweepRow } from './rows.ts';
import { RUN_STATUSES } from './types.ts';
import type {
  Artifact, ArtifactInfo, JsonValue, RunFilter, RunRecord, RunStatus, RunWithDetails, SeriesPoint, SweepRecord, SweepSummary,
} from './types.ts';

/** Read-only queries behind `ExperimentStore`'s read methods. */

export function getSweep(db: Database.Database, name: string): SweepRecord | undefined {
  const row = db.prepare('SELECT * FROM sweeps WHERE name = ?').get(name) as SweepRow | undefined;
  return row && toSweepRecord(row);
}

export function listSweeps(db: Database.Database): SweepSummary[] {
  const sweeps = (db.prepare('SELECT * FROM sweeps ORDER BY name').all() as SweepRow[]).map(toSweepRecord);
  const counts = db.prepare('SELECT sweep, status, COUNT(*) AS n FROM runs GROUP BY sweep, status').all() as {
    sweep: string; status: RunStatus; n: number;
  }[];
  return sweeps.map((sweep) => {
    const byStatus = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    for (const c of counts) if (c.sweep === sweep.name) byStatus[c.status] = c.n;
    return { ...sweep, counts: byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) };
  });
}

export function listRunRecords(db: Database.Database, filter: RunFilter = {}): RunRecord[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.sweep !== undefined) { where.push('sweep = ?'); args.push(filter.sweep); }
  if (filter.variant !== undefined) { where.push('variant = ?'); args.push(filter.variant); }
  if (filter.status !== undefined) {
    where.push('status IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(typeof filter.status === 'string' ? [filter.status] : filter.status));
  }
  if (filter.ids !== undefined) { where.push('id IN (SELECT value FROM json_each(?))'); args.push(JSON.stringify(filter.ids)); }
  const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sweep, ordinal, id`;
  return (db.prepare(sql).all(...args) as RunRow[]).map(toRunRecord);
}

export function listRuns(db: Database.Database, filter: RunFilter = {}): RunWithDetails[] {
  const runs = listRunRecords(db, filter);
  if (runs.length === 0) return [];
  const ids = JSON.stringify(runs.map((r) => r.id));
  const params = new Map<number, Record<string, JsonValue>>();
  const summaries = new Map<number, Record<string, number>>();
  for (const run of runs) { params.set(run.id, {}); summaries.set(run.id, {}); }
  const paramRows = db.prepare('SELECT run_id, key, value FROM params WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY key')
    .all(ids) as { run_id: number; key: string; value: string }[];
  for (const p of paramRows) params.get(p.run_id)![p.key] = JSON.parse(p.value) as JsonValue;
  const summaryRows = db.prepare('SELECT run_id, key, value FROM summaries WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY key')
    .all(ids) as { run_id: number; key: string; value: number | null }[];
  for (const s of summaryRows) summaries.get(s.run_id)![s.key] = fromReal(s.value);
  return runs.map((run) => ({ ...run, params: params.get(run.id)!, summaries: summaries.get(run.id)! }));
}

export function getRun(db: Database.Database, id: number): RunWithDetails | undefined {
  return listRuns(db, { ids: [id] })[0];
}

export function findRun(db: Database.Database, sweep: string, configHash: string): RunWithDetails | undefined {
  const row = db.prepare('SELECT id FROM runs WHERE sweep = ? AND config_hash = ?').get(sweep, configHash) as { id: number } | undefined;
  return row && getRun(db, row.id);
}

export function getParams(db: Database.Database, runId: number): Record<string, JsonValue> {
  const rows = db.prepare('SELECT key, value FROM params WHERE run_id = ? ORDER BY key').all(runId) as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as JsonValue]));
}

export function getSummaries(db: Database.Database, runId: number): Record<string, number> {
  const rows = db.prepare('SELECT key, value FROM summaries WHERE run_id = ? ORDER BY key').all(runId) as { key: string; value: number | null }[];
  return Object.fromEntries(rows.map((r) => [r.key, fromReal(r.value)]));
}

export function listSeriesKeys(db: Database.Database, runId: number): string[] {
  return (db.prepare('SELECT DISTINCT key FROM series WHERE run_id = ? ORDER BY key').all(runId) as { key: string }[]).map((r) => r.key);
}

export function getSeries(db: Database.Database, runId: number, key: string): SeriesPoint[] {
  const rows = db.prepare('SELECT step, value FROM series WHERE run_id = ? AND key = ? ORDER BY step').all(runId, key) as {
    step: number; value: number | null;
  }[];
  return rows.map((r) => ({ step: r.step, value: fromReal(r.value) }));
}

export function getAllSeries(db: Database.Database, runId: number): Record<string, SeriesPoint[]> {
  const out: Record<string, SeriesPoint[]> = {};
  const rows = db.prepare('SELECT key, step, value FROM series WHERE run_id = ? ORDER BY key, step').iterate(runId) as Iterable<{
    key: string; step: number; value: number | null;
  }>;
  for (const r of rows) (out[r.key] ??= []).push({ step: r.step, value: fromReal(r.value) });
  return out;
}

export function listArtifacts(db: Database.Database, runId: number): ArtifactInfo[] {
  const rows = db.prepare('SELECT run_id, name, kind, mime, size, created_at FROM artifacts WHERE run_id = ? ORDER BY name').all(runId) as ArtifactRow[];
  return rows.map(toArtifactInfo);
}

export function getArtifact(db: Database.Database, runId: number, name: string): Artifact | undefined {
  const row = db.prepare('SELECT * FROM artifacts WHERE run_id = ? AND name = ?').get(runId, name) as (ArtifactRow & { bytes: Buffer }) | undefined;
  if (!row) return undefined;
  return { ...toArtifactInfo(row), bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
}
