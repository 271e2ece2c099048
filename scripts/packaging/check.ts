/**
 * The packaging check: builds the workspace, packs every public package, installs the tarballs
 * into an empty project with npm and uses them as a user would: plain `node` imports, a
 * TypeScript consumer checked against the installed declarations, and the installed `vaelab`
 * bin (--help, a 20-step training, a sweep file outside the project run by a worker). Prints one
 * line per stage with its time; exits 1 naming what failed.
 *
 *   pnpm check:packaging [--keep]     (--keep leaves the temporary folder for inspection)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicPackages } from '../workspace.ts';
import { typecheckConsumer } from './consumer.ts';
import { installTarballs } from './install.ts';
import { packPackage, tarballProblems } from './pack.ts';
import type { PackedPackage } from './pack.ts';
import { run } from './run.ts';
import { cliHelp, cliSweepElsewhere, cliTrain, importEach } from './smoke.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const keep = process.argv.includes('--keep');
const unknown = process.argv.slice(2).filter((a) => a !== '--keep');
if (unknown.length > 0) {
  console.error(`check-packaging: unknown argument ${unknown[0]}; usage: pnpm check:packaging [--keep]`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'vaelab-packaging-'));
const started = performance.now();
const stage = <T,>(label: string, step: () => T): T => {
  const t0 = performance.now();
  const result = step();
  console.log(`packaging: ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return result;
};

let failed = false;
try {
  stage('built every package (pnpm build)', () => run('pnpm', ['build'], { cwd: root, timeoutMs: 600_000 }));
  const packages = publicPackages(root);
  const packed: PackedPackage[] = stage(`packed ${packages.length} public packages`, () => packages.map((p) => packPackage(p, join(work, 'tarballs'))));
  const problems = packed.flatMap((p) => tarballProblems(p));
  if (problems.length > 0) throw new Error(`tarball contents:\n  ${problems.join('\n  ')}`);
  console.log('packaging: tarballs hold built output only, every exports/bin target and every file the code reads beside itself');
  const project = join(work, 'project');
  stage('installed the tarballs into an empty project with npm', () => installTarballs(project, packed, root));
  stage(`imported ${packed.length} packages with plain node`, () => importEach(project, packed.map((p) => p.name)));
  stage('type-checked a TypeScript consumer against the installed declarations', () => typecheckConsumer(project, root));
  stage('vaelab --help from the installed bin', () => cliHelp(project));
  stage('vaelab train, 20 steps, from the installed bin', () => cliTrain(project));
  stage('vaelab sweep of a sweep file outside the project (dry run, then 2 runs in a worker)', () => cliSweepElsewhere(project, join(work, 'elsewhere')));
} catch (error) {
  failed = true;
  console.error(`packaging: FAILED: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (keep) console.log(`packaging: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`packaging: ${failed ? 'failed' : 'passed'} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
