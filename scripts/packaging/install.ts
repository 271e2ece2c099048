import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PackedPackage } from './pack.ts';
import { run } from './run.ts';

/**
 * Installs the tarballs into an empty project with npm, as a user outside the workspace would.
 * Third-party dependencies come from npm's cache or the npm registry (`--prefer-offline`).
 *
 * Install scripts are skipped: better-sqlite3's would download a prebuilt binary from outside
 * the registry (unreachable here) and then compile SQLite from source for minutes. Its compiled
 * addon is copied instead from the workspace's install of the same version and Node ABI; no
 * other dependency needs its install script to work.
 */
export function installTarballs(project: string, packed: readonly PackedPackage[], workspaceRoot: string): { seconds: number } {
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'vaelab-packaging-check', private: true, type: 'module' }, null, 2)}\n`);
  const { seconds } = run('npm', [
    'install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--no-package-lock',
    ...packed.map((p) => p.tarball),
  ], { cwd: project, timeoutMs: 600_000 });
  copyNativeAddon(project, workspaceRoot);
  return { seconds };
}

/** The one dependency with a native addon. */
const NATIVE_PACKAGE = 'better-sqlite3';

/** Copies better-sqlite3's compiled addon from the workspace when the project installed the same version. */
function copyNativeAddon(project: string, workspaceRoot: string): void {
  const installed = join(project, 'node_modules', NATIVE_PACKAGE);
  if (!existsSync(installed)) return;
  // The workspace's copy, as the tracking package (which depends on it) resolves it.
  const fromWorkspace = dirname(createRequire(join(workspaceRoot, 'packages', 'tracking', 'package.json')).resolve(`${NATIVE_PACKAGE}/package.json`));
  const version = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  if (version(installed) !== version(fromWorkspace)) {
    throw new Error(`better-sqlite3: the check installed ${version(installed)} but the workspace has ${version(fromWorkspace)}; run pnpm install`);
  }
  const addon = join('build', 'Release', 'better_sqlite3.node');
  mkdirSync(join(installed, 'build', 'Release'), { recursive: true });
  copyFileSync(join(fromWorkspace, addon), join(installed, addon));
}
