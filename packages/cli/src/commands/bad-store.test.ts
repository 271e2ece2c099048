import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExperimentStore, SCHEMA_VERSION } from '@vaelab/tracking';
import { makeReadOnly } from '@vaelab/testing';
import { testCatalog, testDatasets } from '../../../experiments/src/sweep/fixtures/catalog.ts';
import { createFixtureStore } from '@vaelab/testing/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '@vaelab/testing/cli';
import { mergeCommand } from './merge.ts';
import { reportCommand } from './report.ts';
import { runsCommand } from './runs.ts';
import { createSweepCommand } from './sweep.ts';

const fixtures = new URL('../../../experiments/src/', import.meta.url);
const sleepy = fileURLToPath(new URL('runner/fixtures/sleepy-executor.ts', fixtures));
const tinySweep = fileURLToPath(new URL('sweep/fixtures/tiny-sweep.ts', fixtures));
const sweepCommand = createSweepCommand({ catalog: testCatalog, datasets: testDatasets, executor: sleepy, afterSweep: [] });

/** Each command that opens a store, given `store` as the store it reads or writes. */
const commands: Record<string, (store: string, dir: string) => Promise<{ code: number; out: string; err: string }>> = {
  runs: (store) => runCommand(runsCommand, ['--db', store]),
  report: (store, dir) => runCommand(reportCommand, ['--db', store, '--out', join(dir, 'pages')]),
  sweep: (store) => runCommand(sweepCommand, [tinySweep, '--db', store, '--workers', '1']),
  'sweep --dry-run': (store) => runCommand(sweepCommand, [tinySweep, '--db', store, '--dry-run']),
  merge: (store, dir) => runCommand(mergeCommand, [store, '--into', join(dir, 'merged.sqlite')]),
  'merge --into': (store, dir) => runCommand(mergeCommand, [join(dir, 'good.sqlite'), '--into', store]),
};

describe('commands given a bad store', () => {
  let dir: string;
  let good: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vaelab-bad-store-'));
    good = join(dir, 'good.sqlite');
    (await createFixtureStore(good, [{ name: 'beta-demo', seeds: 1, betas: [1] }])).close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bad: Record<string, { make: (path: string) => void; says: RegExp }> = {
    'a CSV file': { make: (p) => writeFileSync(p, 'beta,mig\n1,0.2\n'.repeat(50)), says: /not a vaelab store \(not an SQLite database\)$/ },
    'a truncated store': { make: (p) => writeFileSync(p, readFileSync(good).subarray(0, 8192)), says: /damaged store/ },
    'a folder': { make: (p) => mkdirSync(p), says: /is a folder, not a store file$/ },
    'a store from a newer vaelab': {
      make: (p) => {
        writeFileSync(p, readFileSync(good));
        const store = ExperimentStore.open(p);
        store.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
        store.close();
      },
      says: new RegExp(`store schema version ${SCHEMA_VERSION + 1} is newer than this vaelab understands \\(${SCHEMA_VERSION}\\); upgrade vaelab$`),
    },
  };

  for (const [what, { make, says }] of Object.entries(bad)) {
    it(`every command answers ${what} with one line naming it, exit code 2, and leaves it as it was`, async () => {
      const path = join(dir, `${what.replaceAll(' ', '-')}.sqlite`);
      make(path);
      const before = statSync(path).isDirectory() ? null : readFileSync(path);
      for (const [name, run] of Object.entries(commands)) {
        const result = await run(path, dir);
        expect({ name, code: result.code }).toEqual({ name, code: 2 });
        expect(result.err.split('\n')).toHaveLength(1);
        expect(result.err).toContain(path);
        expect(result.err).toMatch(says);
        if (before) expect(readFileSync(path).equals(before)).toBe(true);
      }
    });
  }

  it('a reading command leaves a 0-byte file empty; a command that creates stores may fill it', async () => {
    const path = join(dir, 'zero.sqlite');
    writeFileSync(path, '');
    for (const name of ['runs', 'report', 'merge', 'sweep --dry-run']) {
      const result = await commands[name](path, dir);
      expect({ name, code: result.code, err: result.err }).toEqual({ name, code: 2, err: `${path}: empty file, not a vaelab store` });
      expect(statSync(path).size).toBe(0);
    }
    expect((await commands.sweep(path, dir)).code).toBe(0);
    expect((await runCommand(runsCommand, ['--db', path])).out).toMatch(/tiny/);
  });

  it('reads a store on a read-only filesystem; a writing command says it cannot write there', async () => {
    const folder = join(dir, 'readonly');
    mkdirSync(folder);
    const path = join(folder, 'runs.sqlite');
    writeFileSync(path, readFileSync(good));
    const restore = makeReadOnly(folder, [path]);
    try {
      expect(await commands.runs(path, dir)).toMatchObject({ code: 0, out: expect.stringMatching(/beta-demo/) });
      expect(await commands.report(path, dir)).toMatchObject({ code: 0 });
      expect(await commands.merge(path, dir)).toMatchObject({ code: 0 });
      for (const name of ['sweep', 'merge --into']) {
        expect(await commands[name](path, dir)).toMatchObject({ code: 2, err: `${path}: cannot write the store: the file or its folder is read-only` });
      }
    } finally {
      restore();
    }
  });
});
