import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadIdx } from './download.ts';
import { encodeIdxImages, encodeIdxLabels } from './idx.ts';
import { IDX_FILES, loadIdxSplit } from './idx-split.ts';

const root = mkdtempSync(join(tmpdir(), 'vaelab-download-'));
const files = new Map<string, Uint8Array>();
const requests: string[] = [];
let baseUrl = '';

function images(n: number): Uint8Array {
  return gzipSync(encodeIdxImages(new Uint8Array(n * 4).map((_, i) => (i * 37) % 256), 2, 2));
}
function labels(n: number): Uint8Array {
  return gzipSync(encodeIdxLabels(new Uint8Array(n).map((_, i) => i % 10)));
}

const server = createServer((req, res) => {
  requests.push(req.url ?? '');
  const body = files.get(req.url ?? '');
  if (!body) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length }).end(body);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

function serve(prefix: string, nTrain: number, nTest: number): void {
  files.set(`${prefix}/${IDX_FILES.trainImages}.gz`, images(nTrain));
  files.set(`${prefix}/${IDX_FILES.trainLabels}.gz`, labels(nTrain));
  files.set(`${prefix}/${IDX_FILES.testImages}.gz`, images(nTest));
  files.set(`${prefix}/${IDX_FILES.testLabels}.gz`, labels(nTest));
}

describe('downloadIdx', () => {
  it('fetches the four files, which then load', async () => {
    serve('/ok', 6, 4);
    const dir = join(root, 'ok');
    const paths = await downloadIdx('fashion-mnist', dir, { baseUrl: `${baseUrl}/ok` });
    expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(Object.values(IDX_FILES).map((f) => `${f}.gz`));
    expect(readdirSync(dir).sort()).toEqual(Object.values(IDX_FILES).map((f) => `${f}.gz`).sort());
    const { train, test } = loadIdxSplit('fashion-mnist', { dir });
    expect([train.size, test.size]).toEqual([6, 4]);
    expect(train.shape).toEqual([2, 2, 1]);
  });

  it('keeps files that are already there and valid', async () => {
    const before = requests.length;
    await downloadIdx('fashion-mnist', join(root, 'ok'), { baseUrl: `${baseUrl}/ok` });
    expect(requests.length).toBe(before);
  });

  it('reports a 404 with the URL and leaves no partial file', async () => {
    serve('/partial', 3, 2);
    files.delete(`/partial/${IDX_FILES.testImages}.gz`);
    const dir = join(root, 'partial');
    await expect(downloadIdx('mnist', dir, { baseUrl: `${baseUrl}/partial/` })).rejects.toThrow(
      new RegExp(`GET ${baseUrl}/partial/t10k-images-idx3-ubyte\\.gz failed: HTTP 404`),
    );
    // The two train files arrived intact; nothing of the failed one, no temporary files.
    expect(readdirSync(dir).sort()).toEqual([`${IDX_FILES.trainImages}.gz`, `${IDX_FILES.trainLabels}.gz`]);
  });

  it('rejects a download that is not an IDX file and does not keep it', async () => {
    serve('/bad', 3, 2);
    files.set(`/bad/${IDX_FILES.trainImages}.gz`, gzipSync(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 0])));
    const dir = join(root, 'bad');
    await expect(downloadIdx('mnist', dir, { baseUrl: `${baseUrl}/bad` })).rejects.toThrow(
      /train-images-idx3-ubyte\.gz: bad magic number 2049/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects a truncated download', async () => {
    serve('/cut', 3, 2);
    const full = images(3);
    files.set(`/cut/${IDX_FILES.trainImages}.gz`, full.subarray(0, full.length - 10));
    await expect(downloadIdx('mnist', join(root, 'cut'), { baseUrl: `${baseUrl}/cut` })).rejects.toThrow(
      /train-images-idx3-ubyte\.gz: corrupt gzip data/,
    );
  });

  it('uses the injected fetch and the default mirror URL', async () => {
    const seen: string[] = [];
    const fake: typeof fetch = async (input) => {
      seen.push(String(input));
      return new Response('gone', { status: 410, statusText: 'Gone' });
    };
    await expect(downloadIdx('mnist', join(root, 'fake'), { fetch: fake })).rejects.toThrow(/HTTP 410 Gone/);
    expect(seen).toEqual(['https://storage.googleapis.com/cvdf-datasets/mnist/train-images-idx3-ubyte.gz']);
  });
});
