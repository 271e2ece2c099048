export { CVAE } from './cvae.ts';
export { cvaeConfigSchema } from './config.ts';
export type { CvaeConfig, CvaeInit } from './config.ts';
export { cvaeDescriptor } from './descriptor.ts';
