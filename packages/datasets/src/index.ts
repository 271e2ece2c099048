export { ByteImageDataset, binarizeBytes } from './byte-dataset.ts';
export type { ByteImageDatasetInit } from './byte-dataset.ts';

export {
  decodeIdxBytes,
  encodeIdxImages,
  encodeIdxLabels,
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  parseIdxImages,
  parseIdxLabels,
  readIdxFile,
} from './idx/idx.ts';
export type { IdxImages } from './idx/idx.ts';
export { DEBIAN_FASHION_MNIST_DIR, FASHION_MNIST_CLASSES, findIdxFile, IDX_FILES, loadIdxSplit } from './idx/idx-split.ts';
export type { IdxKind, IdxSplitOptions } from './idx/idx-split.ts';
export { downloadIdx, IDX_MIRRORS } from './idx/download.ts';
export type { DownloadIdxOptions } from './idx/download.ts';

export {
  loadMnistEmbedded,
  MNIST_EMBEDDED_SIZE,
  MNIST_EMBEDDED_SPLIT_SEED,
  MNIST_EMBEDDED_TRAIN_SIZE,
  mnistEmbeddedSplitIndices,
  readEmbeddedMnist,
} from './mnist/embedded.ts';
export type { MnistEmbeddedOptions } from './mnist/embedded.ts';

export {
  DSPRITES_FACTOR_NAMES,
  DSPRITES_FACTOR_SIZES,
  DSPRITES_FACTOR_VALUES,
  DSPRITES_SHAPES,
  ELLIPSE_SEMI_AXES,
  HEART,
  linspace,
  SPRITE_CENTRE_MIN,
  SPRITE_CENTRE_SPAN,
  SQUARE_SIDE,
} from './dsprites/geometry.ts';
export type { DSpritesShape } from './dsprites/geometry.ts';
export { renderSprite } from './dsprites/render.ts';
export type { SpriteParams } from './dsprites/render.ts';
export { MixedRadix } from './dsprites/mixed-radix.ts';
export { DSprites, everyNth } from './dsprites/dsprites.ts';
export type { DSpritesOptions, DSpritesSubgrid } from './dsprites/dsprites.ts';

export { DATASETS, datasetNames, loadDataset } from './registry.ts';
export type { DatasetEntry, DatasetName, LoadDatasetOptions, LoadedDataset } from './registry.ts';
