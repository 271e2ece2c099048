import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExperimentStore } from '@vaelab/tracking';
import { createFixtureStore } from '@vaelab/reports/testing';
import type { PreparedSweep, SweepResult } from '@vaelab/experiments';
import { main } from '../main.ts';
import { createReportAfterSweep } from './report.ts';

function capture(): { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('vaelab report', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vaelab-report-cli-'));
    db = join(dir, 'runs.sqlite');
    (await createFixtureStore(db, [{ name: 'beta-demo', seeds: 1, betas: [1, 4] }, { name: 'other', seeds: 1, betas: [2], problems: false }])).close();
  });

  it('renders every sweep and the index, printing the paths', async () => {
    const io = capture();
    const out = join(dir, 'all');
    expect(await main(['report', '--db', db, '--out', out])).toBe(0);
    for (const file of ['beta-demo.html', 'other.html', 'index.html']) {
      expect(existsSync(join(out, file))).toBe(true);
      expect(io.out()).toContain(join(out, file));
    }
  });

  it('renders one named sweep only', async () => {
    const io = capture();
    const out = join(dir, 'one');
    expect(await main(['report', 'other', '--db', db, '--out', out])).toBe(0);
    expect(io.out().trim().split('\n')).toEqual([join(out, 'other.html')]);
    expect(existsSync(join(out, 'index.html'))).toBe(false);
  });

  it('exits 2 with a clear message for an unknown sweep, an empty store and a missing store', async () => {
    const io = capture();
    expect(await main(['report', 'nope', '--db', db, '--out', join(dir, 'x')])).toBe(2);
    expect(io.err()).toMatch(/no sweep named 'nope'.*beta-demo, other/);
    const empty = join(dir, 'empty.sqlite');
    ExperimentStore.open(empty).close();
    expect(await main(['report', '--db', empty, '--out', join(dir, 'x')])).toBe(2);
    expect(io.err()).toMatch(/has no sweeps/);
    expect(await main(['report', '--db', join(dir, 'missing.sqlite')])).toBe(2);
    expect(io.err()).toMatch(/no store at/);
    expect(await main(['report', 'a', 'b', '--db', db])).toBe(2);
  });

  it('renders the page of a finished sweep from the after-sweep hook', async () => {
    const io = capture();
    const out = join(dir, 'hook');
    await createReportAfterSweep(out)({ sweep: { definition: { name: 'other' } } as PreparedSweep, result: {} as SweepResult, storePath: db });
    expect(existsSync(join(out, 'other.html'))).toBe(true);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(io.out()).toMatch(/report: .*other\.html/);
    await createReportAfterSweep(out)({ sweep: { definition: { name: 'gone' } } as PreparedSweep, result: {} as SweepResult, storePath: db });
    expect(io.err()).toMatch(/report could not be rendered: no sweep named 'gone'/);
  });
});
