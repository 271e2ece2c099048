import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from './errors.ts';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations.ts';
import { ExperimentStore } from './store.ts';
import { makeReadOnly, useTempDirs } from '@vaelab/testing';

/** The one line a StoreError carries, or the error itself when something else was thrown. */
function openError(path: string, readonly: boolean): unknown {
  try {
    ExperimentStore.open(path, { readonly }).close();
  } catch (error) {
    return error instanceof StoreError ? error.message : error;
  }
  return 'opened';
}

function makeStore(path: string): void {
  const store = ExperimentStore.open(path);
  store.upsertSweep({ name: 'beta', definition: { seeds: 2 } });
  store.scheduleRuns('beta', [{ configHash: 'h', variant: 'vae', dataset: 'toy', seed: 0, profile: 'quick', params: {} }]);
  store.close();
}

describe('opening bad stores', () => {
  const dir = useTempDirs();

  it('names the file and what is wrong, for readers and writers alike, and writes nothing into it', () => {
    const d = dir();
    const good = join(d, 'good.sqlite');
    makeStore(good);
    const cases: [string, Buffer | 'folder', RegExp][] = [
      ['text.sqlite', Buffer.from('x,y\n1,2\n'.repeat(40)), /: not a vaelab store \(not an SQLite database\)$/],
      ['truncated.sqlite', readFileSync(good).subarray(0, 5000), /: damaged store/],
      ['empty.sqlite', Buffer.alloc(0), /: empty file, not a vaelab store$/],
      ['folder.sqlite', 'folder', /: is a folder, not a store file$/],
    ];
    for (const [name, content, message] of cases) {
      const path = join(d, name);
      if (content === 'folder') mkdirSync(path);
      else writeFileSync(path, content);
      expect(openError(path, true)).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}${message.source.slice(0)}`));
      if (name !== 'empty.sqlite') expect(openError(path, false)).toMatch(message);
      if (content !== 'folder') expect(readFileSync(path).equals(content)).toBe(true);
    }
    expect(openError(join(d, 'missing.sqlite'), true)).toMatch(/missing\.sqlite: no such store$/);
  });

  it('refuses an SQLite database of another program and a store from a newer vaelab, in one line', () => {
    const d = dir();
    const foreign = join(d, 'foreign.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE notes (body TEXT)');
    db.close();
    const before = readFileSync(foreign);
    for (const readonly of [true, false]) expect(openError(foreign, readonly)).toMatch(/foreign\.sqlite: an SQLite database, but not a vaelab store$/);
    expect(readFileSync(foreign).equals(before)).toBe(true);

    const future = join(d, 'future.sqlite');
    makeStore(future);
    const raw = new Database(future);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const expected = `store schema version ${SCHEMA_VERSION + 1} is newer than this vaelab understands (${SCHEMA_VERSION}); upgrade vaelab`;
    for (const readonly of [true, false]) expect(openError(future, readonly)).toBe(`${future}: ${expected}`);
  });

  it('a writer creates a store in an empty file, and a reader reads an older store without upgrading the file', () => {
    const d = dir();
    const empty = join(d, 'empty.sqlite');
    writeFileSync(empty, '');
    ExperimentStore.open(empty).close();
    expect(statSync(empty).size).toBeGreaterThan(0);

    const old = join(d, 'old.sqlite');
    const db = new Database(old);
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO sweeps VALUES ('beta', '{}', NULL, 1, 1)").run();
    db.prepare("INSERT INTO runs (sweep, config_hash, variant, dataset, seed, profile, status) VALUES ('beta', 'h', 'vae', 'toy', 0, 'quick', 'completed')").run();
    db.close();
    const before = readFileSync(old);
    const reader = ExperimentStore.open(old, { readonly: true });
    expect(reader.listRuns()).toMatchObject([{ status: 'completed', attempts: 0 }]);
    expect(() => reader.upsertSweep({ name: 'x', definition: {} })).toThrow(/readonly/);
    reader.close();
    expect(readFileSync(old).equals(before)).toBe(true);
  });

  it('reads a store on a read-only filesystem and refuses to write there in one line', () => {
    const d = dir();
    const folder = join(d, 'ro');
    mkdirSync(folder);
    const path = join(folder, 'runs.sqlite');
    makeStore(path);
    const restore = makeReadOnly(folder, [path]);
    try {
      const reader = ExperimentStore.open(path, { readonly: true });
      expect(reader.listRuns()).toHaveLength(1);
      reader.close();
      expect(openError(path, false)).toBe(`${path}: cannot write the store: the file or its folder is read-only`);
    } finally {
      restore();
    }
  });
});
