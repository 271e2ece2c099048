/**
 * Test helpers of the vaelab workspace (private, never published): temporary folders and
 * filesystems, the plain VAE the variants are compared against, small image sets and the exact
 * CPU backend. The in-process command runner is `@vaelab/testing/cli`; stores of report fixtures
 * are `@vaelab/testing/reports`.
 */
export { canMount, makeReadOnly, smallDisk, tempDir, useTempDirs, useTempStores } from './temp-dir.ts';
export { PlainVAE, silenceDims } from './plain-vae.ts';
export { randomImages } from './random-images.ts';
export { barsDataset } from './bars-dataset.ts';
export { useCpuBackend } from './cpu-backend.ts';
export { relativeError } from './relative-error.ts';
export { refusal } from './refusal.ts';
