import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '@vaelab/testing';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations.ts';
import { ExperimentStore } from './store.ts';
import { writeVersion2Store } from './fixtures/version-2-store.ts';

describe('migrations', () => {
  const tempFolder = useTempDirs();

  it('upgrades a version-1 store in place and keeps its rows', () => {
    const folder = tempFolder();
    const path = join(folder, 'old.sqlite');
    const old = new Database(path);
    expect(migrate(old, MIGRATIONS.slice(0, 1))).toBe(0);
    old.prepare("INSERT INTO sweeps VALUES ('beta', '{}', NULL, 1, 1)").run();
    old.prepare("INSERT INTO runs (sweep, config_hash, variant, dataset, seed, profile, status) VALUES ('beta', 'h', 'vae', 'toy', 0, 'quick', 'completed')").run();
    old.prepare("INSERT INTO summaries VALUES (1, 'mig', 0.5)").run();
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old.close();

    const store = ExperimentStore.open(path);
    expect(store.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(store.getRun(1)).toMatchObject({ status: 'completed', attempts: 0, summaries: { mig: 0.5 } });
    store.addArtifact(1, { name: 'a.json', kind: 'json', mime: 'application/json', bytes: new TextEncoder().encode('{}') });
    expect(store.listArtifacts(1)).toHaveLength(1);
    store.close();
  });

  it('renames a version-2 store\'s metrics table to series and keeps its rows', () => {
    const path = join(tempFolder(), 'v2.sqlite');
    writeVersion2Store(path, {
      sweep: 'beta', configHash: 'h',
      points: [{ key: 'loss', step: 0, value: 120.5 }, { key: 'loss', step: 10, value: 98.25 }, { key: 'kl', step: 10, value: null }],
      summaries: { active_units: 4 },
    });

    // A reader sees the rows through an upgraded copy and leaves the file at version 2.
    const reader = ExperimentStore.open(path, { readonly: true });
    expect(reader.getSeries(1, 'loss')).toEqual([{ step: 0, value: 120.5 }, { step: 10, value: 98.25 }]);
    reader.close();
    const peek = new Database(path, { readonly: true });
    expect(peek.pragma('user_version', { simple: true })).toBe(2);
    peek.close();

    const store = ExperimentStore.open(path);
    expect(store.schemaVersion()).toBe(3);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toContain('series');
    expect(tables).not.toContain('metrics');
    expect(store.listSeriesKeys(1)).toEqual(['kl', 'loss']);
    expect(store.getSeries(1, 'loss')).toEqual([{ step: 0, value: 120.5 }, { step: 10, value: 98.25 }]);
    expect(store.getSeries(1, 'kl')).toEqual([{ step: 10, value: Number.NaN }]);
    expect(store.getSummaries(1)).toEqual({ active_units: 4 });
    store.logSeries(1, [{ key: 'loss', step: 20, value: 90 }]);
    expect(store.getSeries(1, 'loss')).toHaveLength(3);
    store.close();
  });

  it('refuses a store newer than the code', () => {
    const folder = tempFolder();
    const path = join(folder, 'new.sqlite');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => ExperimentStore.open(path)).toThrow(/newer than this vaelab/);
  });
});
