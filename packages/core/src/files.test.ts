import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileWriteError, writeFileAtomic, writeFileAtomicSync } from './files.ts';

vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  return { ...original, writeFileSync: vi.fn(original.writeFileSync) };
});

const root = process.getuid?.() === 0;

/**
 * A folder whose disk is full after `bytes`: a tmpfs of that size when this process may mount one
 * (as root, as in CI); otherwise writes into it are made to fail half-way with ENOSPC.
 */
function fullDiskFolder(parent: string, bytes: number): { dir: string; release: () => void } {
  const dir = join(parent, 'small-disk');
  mkdirSync(dir);
  if (root) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
    return { dir, release: () => execFileSync('umount', [dir]) };
  }
  const real = vi.mocked(fs.writeFileSync).getMockImplementation()!;
  vi.mocked(fs.writeFileSync).mockImplementation((path, data, options) => {
    if (String(path).startsWith(dir) && typeof data !== 'string' && (data as Uint8Array).length > bytes) {
      real(path, (data as Uint8Array).subarray(0, bytes), options);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    real(path, data, options);
  });
  return { dir, release: () => vi.mocked(fs.writeFileSync).mockImplementation(real) };
}

describe('writeFileAtomicSync', () => {
  let parent = '';
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('replaces a file whole, creating its folder', async () => {
    parent = mkdtempSync(join(tmpdir(), 'vaelab-files-'));
    const path = join(parent, 'nested', 'page.html');
    writeFileAtomicSync(path, 'first');
    writeFileAtomicSync(path, 'second');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect(readdirSync(join(parent, 'nested'))).toEqual(['page.html']);
  });

  it('on a full disk keeps the previous file whole, removes its temporary file and names the file', () => {
    parent = mkdtempSync(join(tmpdir(), 'vaelab-files-'));
    const disk = fullDiskFolder(parent, 256 * 1024);
    try {
      const path = join(disk.dir, 'beta.html');
      writeFileAtomicSync(path, new Uint8Array(1000).fill(7));
      let thrown: unknown;
      try {
        writeFileAtomicSync(path, new Uint8Array(1024 * 1024).fill(9));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(FileWriteError);
      expect((thrown as Error).message).toBe(`${path}: could not be written (no space left on the disk)`);
      expect(readFileSync(path).equals(Buffer.alloc(1000, 7))).toBe(true);
      expect(readdirSync(disk.dir)).toEqual(['beta.html']);
    } finally {
      disk.release();
    }
  });
});
