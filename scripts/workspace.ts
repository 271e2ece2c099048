import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The fields of a package.json the packaging checks read. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  files?: string[];
  publishConfig?: { exports?: Record<string, unknown>; bin?: Record<string, string> };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** A package of the workspace: its folder and manifest. */
export interface WorkspacePackage {
  dir: string;
  manifest: PackageManifest;
}

/** Every package under `packages/`, sorted by folder name. */
export function workspacePackages(root: string): WorkspacePackage[] {
  const base = join(root, 'packages');
  return readdirSync(base)
    .filter((name) => existsSync(join(base, name, 'package.json')))
    .sort()
    .map((name) => ({ dir: join(base, name), manifest: JSON.parse(readFileSync(join(base, name, 'package.json'), 'utf8')) as PackageManifest }));
}

/** The packages published to a registry (not `private`). */
export function publicPackages(root: string): WorkspacePackage[] {
  return workspacePackages(root).filter((p) => !p.manifest.private);
}
