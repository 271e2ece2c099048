import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExperimentStore } from '@vaelab/tracking';
import { canMount, smallDisk } from '@vaelab/testing';
import { createFixtureStore } from '@vaelab/testing/reports';
import type { PreparedSweep, SweepResult } from '@vaelab/experiments';
import { main } from '../main.ts';
import { reportAfterSweep } from './report.ts';

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
    await reportAfterSweep({ sweep: { definition: { name: 'other' } } as PreparedSweep, result: {} as SweepResult, storePath: db, outDir: out });
    expect(existsSync(join(out, 'other.html'))).toBe(true);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(io.out()).toMatch(/report: .*other\.html/);
    await reportAfterSweep({ sweep: { definition: { name: 'gone' } } as PreparedSweep, result: {} as SweepResult, storePath: db, outDir: out });
    expect(io.err()).toMatch(/report could not be rendered: no sweep named 'gone'/);
  });

  it('without --out, pages go next to their store and each index lists exactly the sweeps of its store', async () => {
    capture();
    const shared = join(dir, 'shared');
    const first = join(shared, 'first.sqlite');
    const second = join(shared, 'second.sqlite');
    (await createFixtureStore(first, [{ name: 'alpha', seeds: 1, betas: [1], problems: false }])).close();
    (await createFixtureStore(second, [{ name: 'gamma', seeds: 1, betas: [2], problems: false }])).close();
    await reportAfterSweep({ sweep: { definition: { name: 'alpha' } } as PreparedSweep, result: {} as SweepResult, storePath: first });
    expect(await main(['report', '--db', second])).toBe(0);
    expect(readdirSync(join(shared, 'first-reports')).sort()).toEqual(['alpha.html', 'index.html']);
    expect(readdirSync(join(shared, 'second-reports')).sort()).toEqual(['gamma.html', 'index.html']);
    const links = (page: string) => [...readFileSync(page, 'utf8').matchAll(/<td><a href="([^"]+)"/g)].map((m) => m[1]);
    expect(links(join(shared, 'first-reports', 'index.html'))).toEqual(['alpha.html']);
    expect(links(join(shared, 'second-reports', 'index.html'))).toEqual(['gamma.html']);
  });

  // A tmpfs needs root (as in CI); the write failure itself is covered without root by core's files.test.ts.
  it.skipIf(!canMount)('onto a full disk: one line naming the page, exit 1, and no cut page left', async () => {
    // A disk half the size of the pages, measured rather than assumed, so that it fills up however large pages grow or shrink.
    const sized = join(dir, 'sized');
    expect(await main(['report', '--db', db, '--out', sized])).toBe(0);
    const bytes = readdirSync(sized).reduce((sum, name) => sum + statSync(join(sized, name)).size, 0);
    const io = capture();
    const out = join(dir, 'small-disk');
    const release = smallDisk(out, `${Math.max(64, Math.floor(bytes / 2 / 1024))}k`);
    try {
      expect(await main(['report', '--db', db, '--out', out])).toBe(1);
      expect(io.err().trim().split('\n')).toHaveLength(1);
      expect(io.err()).toMatch(new RegExp(`^vaelab report: ${out}/[a-z-]+\\.html: could not be written \\(no space left on the disk\\)$`));
      const left = readdirSync(out);
      expect(left.every((name) => name.endsWith('.html'))).toBe(true);
      for (const name of left) expect(readFileSync(join(out, name), 'utf8').trimEnd()).toMatch(/<\/html>$/);
    } finally {
      release();
    }
  });
});
