import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeIdxImages, encodeIdxLabels, parseIdxImages, parseIdxLabels, readIdxFile } from './idx.ts';
import { DEBIAN_FASHION_MNIST_DIR, IDX_FILES, loadIdxSplit } from './idx-split.ts';

const root = mkdtempSync(join(tmpdir(), 'vaelab-idx-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** n images of 4x3 whose pixel j of image i is (17 i + j) mod 256, labels i mod 10. */
function sample(n: number): { pixels: Uint8Array; labels: Uint8Array } {
  const pixels = new Uint8Array(n * 12).map((_, p) => (17 * Math.floor(p / 12) + (p % 12)) % 256);
  const labels = new Uint8Array(n).map((_, i) => i % 10);
  return { pixels, labels };
}

/** Writes the four files for `nTrain`/`nTest` examples into a fresh directory. */
function writeDir(name: string, nTrain: number, nTest: number, gz: boolean): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const put = (base: string, bytes: Uint8Array): void => writeFileSync(join(dir, gz ? `${base}.gz` : base), gz ? gzipSync(bytes) : bytes);
  const tr = sample(nTrain), te = sample(nTest);
  put(IDX_FILES.trainImages, encodeIdxImages(tr.pixels, 4, 3));
  put(IDX_FILES.trainLabels, encodeIdxLabels(tr.labels));
  put(IDX_FILES.testImages, encodeIdxImages(te.pixels, 4, 3));
  put(IDX_FILES.testLabels, encodeIdxLabels(te.labels));
  return dir;
}

describe('IDX format', () => {
  it('writes the documented header: big-endian magic 2051, count, rows, cols', () => {
    const bytes = encodeIdxImages(new Uint8Array(24), 4, 3);
    expect(Array.from(bytes.subarray(0, 16))).toEqual([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 3]);
    expect(Array.from(encodeIdxLabels(new Uint8Array([7])))).toEqual([0, 0, 8, 1, 0, 0, 0, 1, 7]);
  });

  it('round-trips images and labels', () => {
    const { pixels, labels } = sample(5);
    const images = parseIdxImages(encodeIdxImages(pixels, 4, 3), 'x');
    expect([images.count, images.rows, images.cols]).toEqual([5, 4, 3]);
    expect(Array.from(images.pixels)).toEqual(Array.from(pixels));
    expect(Array.from(parseIdxLabels(encodeIdxLabels(labels), 'y'))).toEqual(Array.from(labels));
  });

  it('rejects a bad magic number, naming the file', () => {
    const labels = encodeIdxLabels(new Uint8Array(3));
    expect(() => parseIdxImages(labels, 'train-images-idx3-ubyte')).toThrow(
      /train-images-idx3-ubyte: bad magic number 2049 .*expected 2051/,
    );
    const images = encodeIdxImages(new Uint8Array(12), 4, 3);
    expect(() => parseIdxLabels(images, 'train-labels-idx1-ubyte')).toThrow(/train-labels-idx1-ubyte: bad magic number 2051/);
  });

  it('rejects truncated files with expected and actual sizes', () => {
    const bytes = encodeIdxImages(sample(3).pixels, 4, 3);
    expect(() => parseIdxImages(bytes.subarray(0, 40), 'a.idx')).toThrow('a.idx: truncated, expected 52 bytes, got 40');
    expect(() => parseIdxImages(bytes.subarray(0, 10), 'a.idx')).toThrow('a.idx: truncated, expected at least 16 header bytes, got 10');
    const padded = new Uint8Array(bytes.length + 2);
    padded.set(bytes);
    expect(() => parseIdxImages(padded, 'a.idx')).toThrow('a.idx: 2 unexpected bytes after the data');
  });

  it('rejects labels outside 0..9', () => {
    expect(() => parseIdxLabels(encodeIdxLabels(new Uint8Array([1, 12])), 'l.idx')).toThrow('l.idx: label 12 at index 1');
  });

  it('reads gzip transparently and names the file when the gzip is corrupt', () => {
    const path = join(root, 'corrupt.gz');
    const gz = gzipSync(encodeIdxLabels(new Uint8Array(100)));
    writeFileSync(path, gz.subarray(0, gz.length - 20));
    expect(() => readIdxFile(path)).toThrow(new RegExp(`${path}: corrupt gzip data`));
  });
});

describe('loadIdxSplit', () => {
  for (const gz of [false, true]) {
    it(`loads a ${gz ? 'gzipped' : 'raw'} directory: sizes, floats in [0, 1], labels`, () => {
      const dir = writeDir(gz ? 'gz' : 'raw', 7, 3, gz);
      const { train, test } = loadIdxSplit('mnist', { dir });
      expect([train.size, test.size]).toEqual([7, 3]);
      expect(train.shape).toEqual([4, 3, 1]);
      const px = train.images([2]);
      // pixel j of image 2 is the byte 34 + j.
      expect(Array.from(px)).toEqual(Array.from({ length: 12 }, (_, j) => Math.fround((34 + j) / 255)));
      expect(Array.from(test.labels([0, 1, 2]))).toEqual([0, 1, 2]);
      expect(train.name).toBe('mnist/train');
    });
  }

  it('names both files when image and label counts differ', () => {
    const dir = writeDir('mismatch', 4, 2, false);
    writeFileSync(join(dir, IDX_FILES.trainLabels), encodeIdxLabels(new Uint8Array(5)));
    expect(() => loadIdxSplit('mnist', { dir })).toThrow(/train-images-idx3-ubyte holds 4 images but .*train-labels-idx1-ubyte holds 5 labels/);
  });

  it('refuses an empty split before training, naming the file and the folder', () => {
    const dir = writeDir('empty-train', 0, 3, false);
    expect(() => loadIdxSplit('mnist', { dir })).toThrow(`mnist: ${join(dir, IDX_FILES.trainImages)} holds no images; the train split of ${dir} is empty`);
    const noTest = writeDir('empty-test', 3, 0, true);
    expect(() => loadIdxSplit('mnist', { dir: noTest })).toThrow(/t10k-images-idx3-ubyte\.gz holds no images; the test split of .*empty-test is empty/);
  });

  it('refuses train and test images of different sizes, naming the folder', () => {
    const dir = writeDir('mismatch', 3, 2, false);
    const te = sample(2);
    // The test images rewritten as 3x4 instead of 4x3: the same bytes, another shape.
    writeFileSync(join(dir, IDX_FILES.testImages), encodeIdxImages(te.pixels, 3, 4));
    expect(() => loadIdxSplit('mnist', { dir })).toThrow(`mnist: the train images in ${dir} are 4x3 but the test images are 3x4; both splits must have one image size`);
  });

  it('names the corrupt file inside a directory', () => {
    const dir = writeDir('truncated', 4, 2, true);
    const bytes = gzipSync(encodeIdxImages(sample(2).pixels, 4, 3).subarray(0, 30));
    writeFileSync(join(dir, `${IDX_FILES.testImages}.gz`), bytes);
    expect(() => loadIdxSplit('fashion-mnist', { dir })).toThrow(/t10k-images-idx3-ubyte\.gz: truncated, expected 40 bytes, got 30/);
  });

  it('says how to get the files when none are found', () => {
    const empty = join(root, 'empty');
    expect(() => loadIdxSplit('fashion-mnist', { searchDirs: [empty] })).toThrow(/dataset-fashion-mnist.*downloadIdx/);
    expect(() => loadIdxSplit('mnist', { dir: empty })).toThrow(/train-images-idx3-ubyte\[\.gz\] and train-labels-idx1-ubyte\[\.gz\] not found/);
  });

  it.runIf(existsSync(join(DEBIAN_FASHION_MNIST_DIR, `${IDX_FILES.trainImages}.gz`)))(
    "finds Debian's Fashion-MNIST without a directory (60,000 / 10,000, 6,000 per class)",
    () => {
      const { train, test } = loadIdxSplit('fashion-mnist');
      expect([train.size, test.size]).toEqual([60_000, 10_000]);
      const counts = new Array<number>(10).fill(0);
      for (const l of train.labels(Int32Array.from({ length: train.size }, (_, i) => i))) counts[l]++;
      expect(counts).toEqual(new Array(10).fill(6000));
      expect(train.classNames?.[9]).toBe('Ankle boot');
    },
  );
});
