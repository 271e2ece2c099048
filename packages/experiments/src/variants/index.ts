export { VARIANTS, variantByName } from './registry.ts';
export type { VariantFlag, VariantRegistration } from './registry.ts';
