import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findRepoRoot } from './paths.ts';

const root = findRepoRoot();
const coreIndex = pathToFileURL(join(root, 'packages/core/src/index.ts')).href;
const dir = mkdtempSync(join(tmpdir(), 'vaelab-handlers-'));
// The stand-in is TypeScript too, so that both programs run with tsx's source maps switched on
// (which changes how Node prints stack frames).
const standIn = join(dir, 'stand-in.ts');
writeFileSync(standIn, 'export async function selectBackend(choice: string): Promise<string> {\n  return choice;\n}\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs a three-line program under tsx: line 1 loads `selectBackend` (from @vaelab/core, or a
 * stand-in that loads no backend), line 2 selects the wasm backend, line 3 fails. Both versions
 * have the same lines, so Node's report of the failure may differ only in the file name.
 */
function run(name: string, withVaelab: boolean, failure: string): { code: number | null; stderr: string } {
  const load = `const { selectBackend } = await import(${JSON.stringify(withVaelab ? coreIndex : pathToFileURL(standIn).href)});`;
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `${load}\nawait selectBackend('wasm');\n${failure}\n`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: child.status, stderr: child.stderr.split(file).join('<program>').split(pathToFileURL(file).href).join('<program>') };
}

describe('a program that imports vaelab gets its own errors back', () => {
  it.each([
    ['uncaught-error', "throw new TypeError('config field latentDimm is not known');"],
    ['unhandled-rejection', "Promise.reject(new RangeError('steps must be at most 1e9'));"],
  ])('%s prints exactly as without vaelab, with no tfjs source', (name, failure) => {
    const plain = run(`${name}-plain`, false, failure);
    const withVaelab = run(`${name}-vaelab`, true, failure);
    expect(plain.code).toBe(1);
    expect(withVaelab.code).toBe(plain.code);
    expect(withVaelab.stderr).toBe(plain.stderr);
    expect(withVaelab.stderr).not.toMatch(/ExitStatus|tfjs|WasmBackendModule/);
    expect(withVaelab.stderr.length).toBeLessThan(2000);
  });

  it('keeps handlers the program installed itself', () => {
    const own = "process.on('uncaughtException', (e) => { console.error('handled: ' + e.message); process.exitCode = 3; });";
    const file = join(dir, 'own-handler.mjs');
    writeFileSync(file, [
      own,
      `const { selectBackend } = await import(${JSON.stringify(coreIndex)});`,
      "await selectBackend('wasm');",
      "console.error('listeners: ' + process.listenerCount('uncaughtException') + ' ' + process.listenerCount('unhandledRejection'));",
      "setTimeout(() => { throw new Error('late'); });",
    ].join('\n'));
    const child = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toContain('listeners: 1 0');
    expect(child.stderr).toContain('handled: late');
    expect(child.status).toBe(3);
  });
});
