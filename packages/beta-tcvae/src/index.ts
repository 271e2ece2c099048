export { BetaTCVAE } from './beta-tcvae.ts';
export { betaTcvaeConfigSchema } from './config.ts';
export type { BetaTcvaeConfig, BetaTcvaeInit } from './config.ts';
export { totalCorrelation } from './total-correlation.ts';
export { betaTcvaeDescriptor } from './descriptor.ts';
