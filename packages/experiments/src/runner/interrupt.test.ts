import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ExperimentStore } from '@vaelab/tracking';
import type { RunRecord } from '@vaelab/tracking';
import { useTempDirs } from '@vaelab/testing';
import { KILLME_STEPS as STEPS, killmeSweep } from './fixtures/killme-sweep.ts';
import { runSweep } from './run-sweep.ts';

const driver = fileURLToPath(new URL('./fixtures/driver.ts', import.meta.url));
const sleepy = fileURLToPath(new URL('./fixtures/sleepy-executor.ts', import.meta.url));

/** The driver as a child process in its own process group, one worker, 40 ms per step. */
function start(path: string): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', driver, path, '1'], {
    detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VAELAB_TEST_SLEEP_MS: '40' },
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

const completedBefore = (path: string): number => runs(path).filter((r) => r.status === 'completed').length;

/** Restarts the sweep in this process (fast steps); returns how many runs it executed. */
async function resume(path: string): Promise<number> {
  process.env.VAELAB_TEST_SLEEP_MS = '2';
  try {
    const result = await runSweep({ sweep: killmeSweep(), storePath: path, workers: 2, executor: sleepy, handleSignals: false });
    expect(result.counts.completed).toBe(4);
    return result.pending;
  } finally {
    delete process.env.VAELAB_TEST_SLEEP_MS;
  }
}

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
  const tempFolder = useTempDirs();
  const spawned: ChildProcess[] = [];
  afterEach(() => {
    for (const child of spawned) if (child.pid && child.exitCode === null) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  });

  it('after SIGKILL of the parent and its workers, the next start repairs the store and completes every run once', async () => {
    const folder = tempFolder();
    const path = join(folder, 'runs.sqlite');
    const first = start(path);
    spawned.push(first.child);
    await until(() => runs(path).some((r) => r.status === 'running'));
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;
    const running = runs(path).filter((r) => r.status === 'running');
    expect(running.length).toBeGreaterThan(0);
    await until(() => running.every((r) => !pidAlive(r.pid!)), 5000);

    const done = completedBefore(path);
    expect(await resume(path)).toBe(4 - done);
    expectAllCompletedOnce(path);
    const after = runs(path);
    for (const r of running) expect(after.find((a) => a.id === r.id)!.attempts).toBe(2);
  });

  it('SIGINT stops the workers, marks running runs interrupted and exits 130; a restart finishes them', async () => {
    const folder = tempFolder();
    const path = join(folder, 'runs.sqlite');
    const first = start(path);
    spawned.push(first.child);
    await until(() => runs(path).some((r) => r.status === 'running'));
    process.kill(first.child.pid!, 'SIGINT');
    expect(await first.exited).toBe(130);
    const statuses = runs(path).map((r) => r.status);
    expect(statuses).not.toContain('running');
    expect(statuses).toContain('interrupted');
    expect(first.output()).toMatch(/SIGINT: stopping workers/);

    const done = completedBefore(path);
    expect(await resume(path)).toBe(4 - done);
    expectAllCompletedOnce(path);
  });
});
