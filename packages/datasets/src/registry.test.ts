import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeIdxImages, encodeIdxLabels } from './idx/idx.ts';
import { IDX_FILES } from './idx/idx-split.ts';
import { DATASETS, datasetNames, loadDataset } from './registry.ts';

const root = mkdtempSync(join(tmpdir(), 'vaelab-registry-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadDataset', () => {
  it('knows exactly mnist, fashion-mnist and dsprites', () => {
    expect(datasetNames()).toEqual(['mnist', 'fashion-mnist', 'dsprites']);
    expect(new Set(DATASETS.map((d) => d.name)).size).toBe(DATASETS.length);
  });

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => loadDataset('cifar10')).toThrow('unknown dataset "cifar10"; known datasets: mnist, fashion-mnist, dsprites');
  });

  it('gives dSprites the whole (sub-)grid as both train and test', () => {
    const { train, test, binarization } = loadDataset('dsprites', { size: 32, subgrid: { shape: [1], posY: [0, 31] }, binarization: 'dynamic' });
    expect(train).toBe(test);
    expect(train.size).toBe(1 * 6 * 40 * 32 * 2);
    expect(train.shape).toEqual([32, 32, 1]);
    expect(train.factors?.sizes).toEqual([1, 6, 40, 32, 2]);
    expect(binarization).toBe('dynamic');
  });

  it('reads MNIST from a directory, applying static binarization at load', () => {
    const dir = join(root, 'mnist');
    mkdirSync(dir);
    const pixels = Uint8Array.from([0, 127, 128, 255]);
    writeFileSync(join(dir, IDX_FILES.trainImages), encodeIdxImages(pixels, 2, 2));
    writeFileSync(join(dir, IDX_FILES.trainLabels), encodeIdxLabels(Uint8Array.from([4])));
    writeFileSync(join(dir, IDX_FILES.testImages), encodeIdxImages(pixels, 2, 2));
    writeFileSync(join(dir, IDX_FILES.testLabels), encodeIdxLabels(Uint8Array.from([5])));
    const grey = loadDataset('mnist', { dir });
    expect(Array.from(grey.train.images([0]))).toEqual([0, 127 / 255, 128 / 255, 1].map(Math.fround));
    const bin = loadDataset('mnist', { dir, binarization: 'static' });
    // 127/255 < 0.5 <= 128/255.
    expect(Array.from(bin.train.images([0]))).toEqual([0, 0, 1, 1]);
    expect(Array.from(bin.test.labels?.([0]) ?? [])).toEqual([5]);
    expect(bin.binarization).toBe('static');
  });

  it('falls back to the embedded digits for mnist without a directory', () => {
    const { train, test } = loadDataset('mnist');
    expect([train.name, train.size, test.size]).toEqual(['mnist-embedded/train', 8000, 2000]);
  });
});
