export { VAE, vaeConfigSchema } from './vae.ts';
export type { VaeConfig } from './vae.ts';
export { vaeDescriptor } from './descriptor.ts';
