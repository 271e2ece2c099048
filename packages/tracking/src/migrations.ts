import type Database from 'better-sqlite3';

/** One schema step: brings a store from version `index` to `index + 1`. */
export type Migration = (db: Database.Database) => void;

/**
 * The schema history, oldest first. A store's version is `PRAGMA user_version`: the number of
 * migrations applied. Append new steps at the end; never edit a released one.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 1: sweeps, runs and their parameters, series (then named metrics) and final summaries (after MLflow's tracking schema).
  (db) => {
    db.exec(`
      CREATE TABLE sweeps (
        name        TEXT PRIMARY KEY,
        definition  TEXT NOT NULL,
        file        TEXT,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      );
      CREATE TABLE runs (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        sweep         TEXT NOT NULL REFERENCES sweeps(name) ON DELETE CASCADE,
        config_hash   TEXT NOT NULL,
        ordinal       INTEGER NOT NULL DEFAULT 0,
        variant       TEXT NOT NULL,
        dataset       TEXT NOT NULL,
        seed          INTEGER NOT NULL,
        profile       TEXT NOT NULL,
        status        TEXT NOT NULL DEFAULT 'scheduled'
                      CHECK (status IN ('scheduled','running','completed','failed','diverged','interrupted')),
        error         TEXT,
        diverged_step INTEGER,
        started_at    INTEGER,
        ended_at      INTEGER,
        duration_ms   INTEGER,
        host          TEXT,
        pid           INTEGER,
        backend       TEXT,
        git_commit    TEXT,
        worker_id     TEXT,
        UNIQUE (sweep, config_hash)
      );
      CREATE TABLE params (
        run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        key     TEXT NOT NULL,
        value   TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      ) WITHOUT ROWID;
      CREATE TABLE metrics (
        run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        key     TEXT NOT NULL,
        step    INTEGER NOT NULL,
        value   REAL,
        PRIMARY KEY (run_id, key, step)
      ) WITHOUT ROWID;
      CREATE TABLE summaries (
        run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        key     TEXT NOT NULL,
        value   REAL,
        PRIMARY KEY (run_id, key)
      ) WITHOUT ROWID;
    `);
  },
  // 2: binary artifacts (sample grids, checkpoints), retry count and the claim-order index.
  (db) => {
    db.exec(`
      CREATE TABLE artifacts (
        run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('png','checkpoint','json')),
        mime        TEXT NOT NULL,
        bytes       BLOB NOT NULL,
        size        INTEGER NOT NULL,
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (run_id, name)
      );
      ALTER TABLE runs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX runs_claim ON runs (sweep, status, ordinal);
    `);
  },
  // 3: the per-step table is called what it holds, training series; "metrics" named too many things.
  (db) => {
    db.exec('ALTER TABLE metrics RENAME TO series;');
  },
];

/** The version a store has once every migration ran. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies the missing migrations, each in its own IMMEDIATE transaction together with the new
 * `user_version`, so two processes opening one old store do not both upgrade it. Returns the
 * version found before upgrading. Throws when the store is newer than this code.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > migrations.length) {
    throw new Error(`store schema version ${found} is newer than this vaelab understands (${migrations.length}); upgrade vaelab`);
  }
  for (;;) {
    const applied = db
      .transaction(() => {
        const version = db.pragma('user_version', { simple: true }) as number;
        if (version >= migrations.length) return false;
        migrations[version](db);
        db.pragma(`user_version = ${version + 1}`);
        return true;
      })
      .immediate();
    if (!applied) return found;
  }
}
