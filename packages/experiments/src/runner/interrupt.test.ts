import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ExperimentStore } from '../store/store.ts';
import type { RunRecord } from '../store/types.ts';
import { tempDir } from '../testing.ts';

const driver = fileURLToPath(new URL('./fixtures/driver.ts', import.meta.url));
const STEPS = 20;

function start(path: string, sleepMs = 40): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', driver, path, '2', String(STEPS)], {
    detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VAELAB_TEST_SLEEP_MS: String(sleepMs) },
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

function runs(path: string): RunRecord[] {
  if (!existsSync(path)) return [];
  try {
    const store = ExperimentStore.open(path, { readonly: true });
    const list = store.listRunRecords();
    store.close();
    return list;
  } catch {
    return [];
  }
}

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pidAlive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

/** Each run completed exactly once with one full series, and the file is sound. */
function expectAllCompletedOnce(path: string): void {
  const store = ExperimentStore.open(path);
  const list = store.listRuns();
  expect(list).toHaveLength(4);
  expect(new Set(list.map((r) => r.configHash)).size).toBe(4);
  for (const run of list) {
    expect(run.status).toBe('completed');
    expect(store.getSeries(run.id, 'loss').map((p) => p.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1));
    expect(store.listArtifacts(run.id)).toHaveLength(2);
  }
  expect(store.integrityCheck()).toEqual(['ok']);
  store.close();
}

describe('interrupted sweeps', () => {
  let cleanup = (): void => {};
  const spawned: ChildProcess[] = [];
  afterEach(() => {
    for (const child of spawned) if (child.pid && child.exitCode === null) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    cleanup();
  });

  it('after SIGKILL of the parent and its workers, the next start repairs the store and completes every run once', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'runs.sqlite');
    const first = start(path);
    spawned.push(first.child);
    await until(() => runs(path).some((r) => r.status === 'running'));
    const running = runs(path).filter((r) => r.status === 'running');
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;
    await until(() => running.every((r) => !pidAlive(r.pid!)), 5000);
    expect(runs(path).filter((r) => r.status === 'running').length).toBeGreaterThan(0);

    const second = start(path, 5);
    spawned.push(second.child);
    expect(await second.exited).toBe(0);
    expectAllCompletedOnce(path);
    const after = runs(path);
    for (const r of running) expect(after.find((a) => a.id === r.id)!.attempts).toBe(2);
  });

  it('SIGINT stops the workers, marks running runs interrupted and exits 130; a restart finishes them', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'runs.sqlite');
    const first = start(path);
    spawned.push(first.child);
    await until(() => runs(path).some((r) => r.status === 'running'));
    process.kill(first.child.pid!, 'SIGINT');
    expect(await first.exited).toBe(130);
    const statuses = runs(path).map((r) => r.status);
    expect(statuses).not.toContain('running');
    expect(statuses).toContain('interrupted');
    expect(first.output()).toMatch(/SIGINT: stopping workers/);

    const second = start(path, 5);
    spawned.push(second.child);
    expect(await second.exited).toBe(0);
    expectAllCompletedOnce(path);
  });
});
