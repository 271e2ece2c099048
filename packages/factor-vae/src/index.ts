export { FactorVAE } from './factor-vae.ts';
export { factorVaeConfigSchema } from './config.ts';
export type { FactorVaeConfig, FactorVaeInit } from './config.ts';
export { permuteDimensions } from './permute.ts';
export { factorVaeDescriptor } from './descriptor.ts';
