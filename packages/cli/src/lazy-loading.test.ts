import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFixtureStore } from '@vaelab/testing/reports';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, 'bin.ts');
const recorder = join(here, 'fixtures', 'record-loaded-modules.mjs');
// tsx is the workspace root's; resolved from here so the child needs no PATH lookup.
const tsx = createRequire(import.meta.url).resolve('tsx');

/** Runs the vaelab bin (source, through tsx) in a child process; returns its exit code, output and every module it loaded. */
function runBin(args: string[], dir: string): Promise<{ code: number; out: string; err: string; modules: string[] }> {
  const log = join(mkdtempSync(join(dir, 'modules-')), 'loaded.txt');
  return new Promise((resolveRun) => {
    execFile(process.execPath, ['--import', tsx, '--import', recorder, bin, ...args], { cwd: dir, env: { ...process.env, VAELAB_MODULE_LOG: log } }, (error, out, err) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      const modules = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((line) => line !== '') : [];
      resolveRun({ code, out, err, modules });
    });
  });
}

const tensorflow = (modules: string[]): string[] => modules.filter((m) => /[/@]tensorflow[+/]/.test(m));

describe('the vaelab bin loads a command only when it runs', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vaelab-lazy-'));
    db = join(dir, 'runs.sqlite');
    (await createFixtureStore(db, [{ name: 'lazy', seeds: 1, betas: [1] }])).close();
  });

  it('renders a report, lists runs and merges stores without loading TensorFlow.js', async () => {
    const report = await runBin(['report', '--db', db, '--out', join(dir, 'pages')], dir);
    expect(report.err).toBe('');
    expect(report.code).toBe(0);
    expect(existsSync(join(dir, 'pages', 'lazy.html'))).toBe(true);
    // The recorder saw both kinds of module: the ES modules of the report and better-sqlite3's CommonJS.
    expect(report.modules.some((m) => m.includes('/packages/reports/src/'))).toBe(true);
    expect(report.modules.some((m) => m.includes('better-sqlite3'))).toBe(true);
    expect(tensorflow(report.modules)).toEqual([]);

    const runs = await runBin(['runs', '--db', db], dir);
    expect(runs.code).toBe(0);
    expect(runs.out).toMatch(/lazy/);
    expect(tensorflow(runs.modules)).toEqual([]);

    const merge = await runBin(['merge', db, '--into', join(dir, 'merged.sqlite')], dir);
    expect(merge.code).toBe(0);
    expect(merge.out).toMatch(/runs added/);
    expect(tensorflow(merge.modules)).toEqual([]);
  }, 120_000);

  it('lists every command with its description in --help without loading TensorFlow.js', async () => {
    const help = await runBin(['--help'], dir);
    expect(help.code).toBe(0);
    for (const name of ['train', 'eval', 'sweep', 'runs', 'merge', 'report']) expect(help.out).toMatch(new RegExp(`^  ${name} +\\S.{20,}$`, 'm'));
    expect(tensorflow(help.modules)).toEqual([]);
  }, 60_000);

  it('still trains through the bin, loading TensorFlow.js when the command needs it', async () => {
    const model = join(dir, 'm.vaelab');
    const train = await runBin(['train', '--steps', '5', '--hidden', '16', '--latent-dim', '2', '--eval-examples', '50', '--backend', 'wasm', '--out', model], dir);
    expect(train.err).toBe('');
    expect(train.code).toBe(0);
    expect(train.out).toMatch(/ELBO -\d+\.\d+ nats/);
    expect(existsSync(model)).toBe(true);
    expect(tensorflow(train.modules).length).toBeGreaterThan(0);
  }, 180_000);
});
