import type { WorkspacePackage } from '../workspace.ts';

/**
 * The groups of workspace packages that depend on each other in a circle, as pnpm sees them: an
 * edge for every workspace package a manifest lists in `dependencies`, `devDependencies`,
 * `peerDependencies` or `optionalDependencies` (pnpm warns "There are cyclic workspace
 * dependencies" for any of them, and cannot order scripts across such a group). Each group is a
 * strongly connected component of more than one package (Tarjan 1972), its names sorted; groups
 * sorted by their first name.
 */
export function dependencyCycles(packages: readonly WorkspacePackage[]): string[][] {
  const names = new Set(packages.map((p) => p.manifest.name));
  const edges = new Map(packages.map((p) => {
    const m = p.manifest;
    const listed = Object.keys({ ...m.dependencies, ...m.devDependencies, ...m.peerDependencies, ...m.optionalDependencies });
    return [m.name, listed.filter((name) => names.has(name) && name !== m.name)];
  }));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (at: string): void => {
    index.set(at, index.size);
    low.set(at, index.get(at)!);
    stack.push(at);
    onStack.add(at);
    for (const next of edges.get(at) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(at, Math.min(low.get(at)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(at, Math.min(low.get(at)!, index.get(next)!));
      }
    }
    if (low.get(at) !== index.get(at)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== at);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const name of [...names].sort()) if (!index.has(name)) visit(name);
  return groups.sort((a, b) => a[0].localeCompare(b[0]));
}
