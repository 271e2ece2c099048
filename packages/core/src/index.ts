export { createRng } from './rng.ts';
export type { Rng } from './rng.ts';
export { binarize, imageSize } from './data.ts';
export type { Binarization, DatasetSplit, FactorSpace, ImageDataset, ImageShape } from './data.ts';
export { imageGridPng } from './png.ts';
export type { ImageGridOptions } from './png.ts';
