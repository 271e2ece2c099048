export { HierarchicalVAE } from './hvae.ts';
export { hvaeConfigSchema, normalizeHvaeConfig } from './config.ts';
export type { HvaeConfig, HvaeInit } from './config.ts';
export { hvaeDescriptor } from './descriptor.ts';
export { priorNetworks, topDownLayout } from './prior-layout.ts';
export type { PriorNetwork } from './prior-layout.ts';
