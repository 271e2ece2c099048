import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdxKind } from './idx-split.ts';
import { IDX_FILES } from './idx-split.ts';
import { decodeIdxBytes, parseIdxImages, parseIdxLabels } from './idx.ts';

/** Default mirrors of the four `.gz` files, by dataset. */
export const IDX_MIRRORS: Readonly<Record<IdxKind, string>> = {
  mnist: 'https://storage.googleapis.com/cvdf-datasets/mnist/',
  'fashion-mnist': 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
};

/** Options of {@link downloadIdx}. */
export interface DownloadIdxOptions {
  /** Base URL the four `<name>.gz` files are fetched from. @default IDX_MIRRORS[kind] */
  baseUrl?: string;
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Download again even when a valid file is already in `dir`. @default false */
  force?: boolean;
}

/** Checks a downloaded file: gzip intact, IDX magic, sizes; returns the example count. */
function verify(bytes: Uint8Array, base: string, label: string): number {
  const decoded = decodeIdxBytes(bytes, label);
  return base.includes('images') ? parseIdxImages(decoded, label).count : parseIdxLabels(decoded, label).length;
}

async function fetchBytes(fetchFn: typeof globalThis.fetch, url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (error) {
    throw new Error(`downloadIdx: GET ${url} failed: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new Error(`downloadIdx: GET ${url} failed: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** Writes `bytes` to `path` through a temporary file in the same directory, then renames. */
function writeAtomic(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.part`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Downloads the four IDX `.gz` files of MNIST or Fashion-MNIST into `dir` (created if
 * needed) so that `loadDataset(kind, { dir })` can read them. Each file is verified (gzip,
 * IDX magic number, sizes) before it is moved into place, so a failed or partial download
 * never leaves a file behind. Files already present and valid are kept unless `force`.
 * Returns the paths of the four files.
 */
export async function downloadIdx(kind: IdxKind, dir: string, options: DownloadIdxOptions = {}): Promise<string[]> {
  const base = options.baseUrl ?? IDX_MIRRORS[kind];
  if (base === undefined) throw new Error(`downloadIdx: unknown dataset "${kind}"; known: ${Object.keys(IDX_MIRRORS).join(', ')}`);
  const fetchFn = options.fetch ?? globalThis.fetch;
  const baseUrl = base.endsWith('/') ? base : `${base}/`;
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  const counts = new Map<string, number>();
  for (const name of Object.values(IDX_FILES)) {
    const path = join(dir, `${name}.gz`);
    let count: number | undefined;
    if (!options.force && existsSync(path)) {
      try {
        count = verify(new Uint8Array(readFileSync(path)), name, path);
      } catch {
        count = undefined; // an invalid leftover is replaced below
      }
    }
    if (count === undefined) {
      const url = new URL(`${name}.gz`, baseUrl).href;
      const bytes = await fetchBytes(fetchFn, url);
      count = verify(bytes, name, url);
      writeAtomic(path, bytes);
    }
    counts.set(name, count);
    paths.push(path);
  }
  for (const [images, labels] of [[IDX_FILES.trainImages, IDX_FILES.trainLabels], [IDX_FILES.testImages, IDX_FILES.testLabels]]) {
    if (counts.get(images) !== counts.get(labels)) {
      throw new Error(`downloadIdx: ${images}.gz holds ${counts.get(images)} images but ${labels}.gz holds ${counts.get(labels)} labels`);
    }
  }
  return paths;
}
