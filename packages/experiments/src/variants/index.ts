export { VARIANTS, variantByName } from './registry.ts';
