export { BetaVAE } from './beta-vae.ts';
export { betaVaeConfigSchema, capacityConfigSchema } from './config.ts';
export type { BetaVaeConfig, BetaVaeInit, CapacityConfig } from './config.ts';
export { betaVaeDescriptor } from './descriptor.ts';
