import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRepoRoot } from './paths.ts';

describe('findRepoRoot', () => {
  it('walks up to the folder holding pnpm-workspace.yaml', () => {
    const root = findRepoRoot();
    expect(existsSync(join(root, 'pnpm-workspace.yaml'))).toBe(true);
    expect(findRepoRoot(join(root, 'packages', 'core', 'src'))).toBe(root);
  });
  it('falls back to the starting folder outside a workspace', () => {
    const outside = mkdtempSync(join(tmpdir(), 'vaelab-root-'));
    expect(findRepoRoot(outside)).toBe(outside);
  });
});
