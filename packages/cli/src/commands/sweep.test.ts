import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ExperimentStore } from '@vaelab/tracking';
import type { VariantCatalog } from '@vaelab/experiments';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError, UserError, parseCommandArgs } from '../command.ts';
import type { Command } from '../command.ts';
import { createSweepCommand } from './sweep.ts';
import type { AfterSweepContext } from './sweep.ts';

const fixtures = new URL('../../../experiments/src/', import.meta.url);
const sleepy = fileURLToPath(new URL('runner/fixtures/sleepy-executor.ts', fixtures));
const tinySweep = fileURLToPath(new URL('sweep/fixtures/tiny-sweep.ts', fixtures));

/** Runs a command the way `main` does (usage errors exit 2, user errors their code), capturing console output. */
async function runCli(command: Command, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  try {
    return { code: await command.run(parseCommandArgs(command, argv)), out: out.join('\n'), err: err.join('\n') };
  } catch (thrown) {
    if (thrown instanceof UsageError || thrown instanceof UserError) {
      return { code: thrown instanceof UserError ? thrown.exitCode : 2, out: out.join('\n'), err: [...err, thrown.message].join('\n') };
    }
    throw thrown;
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** sha256 of every file in a directory: equal snapshots mean nothing was written. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

const catalog: VariantCatalog = {
  'beta-vae': {
    validate(params) {
      const issues = [];
      if (typeof params.beta !== 'number') issues.push({ path: 'beta', message: `must be a number, got ${JSON.stringify(params.beta)}` });
      else if (params.beta < 0) issues.push({ path: 'beta', message: `must be >= 0, got ${params.beta}` });
      if (params.steps !== undefined && !Number.isInteger(params.steps)) issues.push({ path: 'steps', message: `must be an integer, got ${JSON.stringify(params.steps)}` });
      return issues;
    },
    // The toy runs train on batches of 100.
    trainingSamples: (params) => (typeof params.steps === 'number' ? params.steps * 100 : undefined),
  },
  vae: { validate: () => [] },
};

describe('vaelab sweep', () => {
  let dir = '';
  let output: Writable & { text: () => string };
  const hooked: AfterSweepContext[] = [];
  let command: Command;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vaelab-cli-'));
    const chunks: string[] = [];
    output = Object.assign(new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } }), { text: () => chunks.join('') });
    hooked.length = 0;
    command = createSweepCommand({ catalog, datasets: ['toy'], executor: sleepy, afterSweep: [(c) => void hooked.push(c)], output });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a sweep file, prints the store path, calls the after-sweep hooks; a rerun trains nothing', async () => {
    const db = join(dir, 'runs.sqlite');
    const first = await runCli(command, [tinySweep, '--db', db, '--workers', '2']);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`store: ${db}`);
    expect(output.text()).toMatch(/tiny \[quick\]: 2 completed, 0 diverged, 0 failed of 2/);
    expect(hooked).toHaveLength(1);
    expect(hooked[0].result.counts.completed).toBe(2);
    const store = ExperimentStore.open(db);
    expect(store.listRuns().map((r) => [r.params.beta, r.params.steps, r.status])).toEqual([[0.5, 3, 'completed'], [2, 3, 'completed']]);
    expect(store.getSweep('tiny')!.file).toBe(tinySweep);
    store.close();

    const second = await runCli(command, [tinySweep, '--db', db]);
    expect(second.code).toBe(0);
    expect(output.text()).toMatch(/2 runs, 2 already done, 0 to run/);
  });

  it('exits non-zero with a summary when a run fails; a diverged run is recorded with its step', async () => {
    const file = join(dir, 'mixed.ts');
    writeFileSync(file, `export default { name: 'mixed', dataset: 'toy', variants: ['vae'], base: { steps: 3 }, zip: { nan: [false, true, false], fail: [false, false, true] } };\n`);
    const result = await runCli(command, [file, '--db', join(dir, 'runs.sqlite'), '--workers', '2']);
    expect(result.code).toBe(1);
    const text = output.text();
    expect(text).toMatch(/1 completed, 1 diverged, 1 failed of 3/);
    expect(text).toMatch(/diverged\s+#2 .*at step 2: loss is NaN/);
    expect(text).toMatch(/failed\s+#3 .*boom at step 2/);
  });

  it('prints one line per deprecated parameter the sweep still uses, and runs it', async () => {
    const renaming: VariantCatalog = {
      vae: { validate: (params) => ('oldName' in params ? [{ path: 'oldName', message: 'renamed to newName; the old name is still read', deprecated: true }] : []) },
    };
    const file = join(dir, 'old.ts');
    writeFileSync(file, `export default { name: 'old', dataset: 'toy', variants: ['vae'], base: { steps: 3, oldName: 1 }, seeds: 2 };\n`);
    const result = await runCli(createSweepCommand({ catalog: renaming, datasets: ['toy'], executor: sleepy, output }), [file, '--db', join(dir, 'runs.sqlite'), '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.err).toBe(`vaelab sweep: ${file}: base.oldName: renamed to newName; the old name is still read`);
    expect(result.out).toMatch(/dry run: 2 runs of old \[quick\], 2 to run/);
  });

  it('--dry-run lists the expanded runs and writes nothing', async () => {
    const db = join(dir, 'runs.sqlite');
    const result = await runCli(command, [tinySweep, '--db', db, '--dry-run', '--profile', 'full']);
    expect(result.code).toBe(0);
    expect(result.out.split('\n').filter((l) => /^\d+ /.test(l))).toHaveLength(15);
    expect(result.out).toMatch(/dry run: 15 runs of tiny \[full\], 15 to run; nothing was written/);
    expect(existsSync(db)).toBe(false);
  });

  it('--dry-run estimates the time at an assumed throughput when the store has no earlier run, and says so', async () => {
    // 15 runs of 1,000 steps x 100 = 100,000 examples at 3,000/s: 33.3 s, measuring 10%: 37.0 s each;
    // 8 of them on the busier of 2 workers: 296 s.
    const result = await runCli(command, [tinySweep, '--db', join(dir, 'runs.sqlite'), '--dry-run', '--profile', 'full', '--workers', '2']);
    expect(result.code).toBe(0);
    expect(result.out.split('\n').at(-1)).toBe('estimate: 15 runs on 2 workers, about 4m56s (assumed 3,000 samples/s per worker, no earlier run in this store, measuring 10% of each run)');
  });

  it('--dry-run estimates the time from the earlier runs of the sweep in the store', async () => {
    const db = join(dir, 'runs.sqlite');
    expect((await runCli(command, [tinySweep, '--db', db, '--workers', '2'])).code).toBe(0);
    const store = ExperimentStore.open(db);
    for (const run of store.listRuns({ sweep: 'tiny' })) store.setSummaries(run.id, { samples_per_second: 500, train_seconds: 2, measure_seconds: 1 });
    store.close();
    // 100,000 examples at 500/s: 200 s, plus 1 s of measuring; 15 runs on 3 workers, 5 each: 1,005 s.
    const result = await runCli(command, [tinySweep, '--db', db, '--dry-run', '--profile', 'full', '--workers', '3']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/dry run: 15 runs of tiny \[full\], 15 to run/);
    expect(result.out.split('\n').at(-1)).toBe('estimate: 15 runs on 3 workers, about 16m45s (from 2 earlier runs of the same variant and architecture in this store at 500 samples/s per worker)');
    // A run already done is not estimated again.
    const quick = await runCli(command, [tinySweep, '--db', db, '--dry-run', '--workers', '3']);
    expect(quick.out.split('\n').at(-1)).toBe('estimate: nothing to run');
  });

  describe('bad input exits 2, names the file and field, and leaves the store untouched', () => {
    const good = { name: 'bad', dataset: 'toy', variants: ['beta-vae'], base: { steps: 3 }, grid: { beta: [1, 2] } };
    const cases: [string, string, RegExp][] = [
      ['unknown variant', JSON.stringify({ ...good, variants: ['beta-vae', 'gan'] }), /variants\[1\]: unknown variant 'gan' \(known: beta-vae, vae\)/],
      ['unknown dataset', JSON.stringify({ ...good, dataset: 'cifar' }), /dataset: unknown dataset 'cifar' \(known: toy\)/],
      ['mistyped parameter', JSON.stringify({ ...good, base: { steps: '3' } }), /base\.steps: must be an integer, got "3"/],
      ['negative beta', JSON.stringify({ ...good, grid: { beta: [1, 2, -1] } }), /grid\.beta\[2\]: must be >= 0, got -1/],
      ['syntax error', `{ name: 'bad', grid: { beta: [1, 2 }`, /syntax error: .*bad\.ts:1:/],
    ];
    for (const [what, body, pattern] of cases) {
      it(what, async () => {
        const file = join(dir, 'bad.ts');
        writeFileSync(file, `export default ${body};\n`);
        const storeDir = join(dir, 'store');
        const db = join(storeDir, 'runs.sqlite');
        const seed = ExperimentStore.open(db);
        seed.upsertSweep({ name: 'bad', definition: {} });
        seed.scheduleRuns('bad', [{ configHash: 'x', variant: 'vae', dataset: 'toy', seed: 0, profile: 'quick', params: {} }]);
        seed.close();
        const before = snapshot(storeDir);

        const result = await runCli(command, [file, '--db', db]);
        expect(result.code).toBe(2);
        expect(result.err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
        expect(result.err).toMatch(pattern);
        expect(snapshot(storeDir)).toEqual(before);
        expect(await runCli(command, [file, '--db', join(dir, 'fresh', 'runs.sqlite')])).toMatchObject({ code: 2 });
        expect(existsSync(join(dir, 'fresh'))).toBe(false);
      });
    }

    it('flag problems are usage errors', async () => {
      expect((await runCli(command, [tinySweep, '--shard', '3/3'])).err).toMatch(/out of range 0..2/);
      expect((await runCli(command, [tinySweep, '--workers', '0'])).code).toBe(2);
      expect((await runCli(command, [tinySweep, '--workers', '5000'])).err).toMatch(/--workers: must be an integer from 1 to 1024 \(more worker processes than a machine runs at once\), got '5000'/);
      expect((await runCli(command, [tinySweep, '--shard-count', '1e9'])).err).toMatch(/--shard-count: must be an integer/);
      expect((await runCli(command, [])).code).toBe(2);
      expect((await runCli(command, [join(dir, 'missing.ts')])).err).toMatch(/missing\.ts: no such sweep file/);
      expect((await runCli(command, [tinySweep, '--profile', 'huge', '--db', join(dir, 'x.sqlite')])).err).toMatch(/no profile 'huge'/);
      expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
    });
  });
});
