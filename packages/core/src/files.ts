import { mkdirSync, rmSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A file that could not be written; `message` is one line naming it and the reason. Nothing was left under its name. */
export class FileWriteError extends Error {
  override readonly name = 'FileWriteError';
  constructor(readonly path: string, readonly code: string | undefined, cause: unknown) {
    super(`${path}: could not be written (${describeWriteFailure(code, cause)})`, { cause });
  }
}

function describeWriteFailure(code: string | undefined, cause: unknown): string {
  if (code === 'ENOSPC') return 'no space left on the disk';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (code === 'EROFS') return 'read-only filesystem';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (cause as Error).message;
}

/** The temporary name a file is written under before it is renamed into place (same folder, so the rename is atomic). */
function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/**
 * Writes a file whole or not at all: the bytes go to a temporary file in the same folder, which
 * is renamed over `path` once complete. A full disk or a crash leaves the previous file (or
 * none) under the name, never a cut one; the temporary file is removed on failure.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temporary = temporaryName(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new FileWriteError(path, (error as NodeJS.ErrnoException).code, error);
  }
}

/** {@link writeFileAtomicSync} without blocking the thread. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporaryName(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new FileWriteError(path, (error as NodeJS.ErrnoException).code, error);
  }
}
