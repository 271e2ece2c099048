export { DIPVAE } from './dip-vae.ts';
export { diagonalWeight, dipVaeConfigSchema } from './config.ts';
export type { DipType, DipVaeConfig, DipVaeInit } from './config.ts';
export { aggregatePosteriorCovariance, dipPenalty, encoderMeanCovariance } from './covariance.ts';
export { dipVaeDescriptor } from './descriptor.ts';
