export { HierarchicalVAE } from './hvae.ts';
export { hvaeConfigSchema, normalizeHvaeConfig } from './config.ts';
export type { HvaeConfig, HvaeInit } from './config.ts';
export { hvaeDescriptor } from './descriptor.ts';
