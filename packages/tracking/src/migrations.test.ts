import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '@vaelab/testing';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations.ts';
import { ExperimentStore } from './store.ts';

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

  it('refuses a store newer than the code', () => {
    const folder = tempFolder();
    const path = join(folder, 'new.sqlite');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => ExperimentStore.open(path)).toThrow(/newer than this vaelab/);
  });
});
