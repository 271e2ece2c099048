import type { VariantDescriptor } from '@vaelab/core';
import { vaeDescriptor } from '@vaelab/vae';
import { betaVaeDescriptor } from '@vaelab/beta-vae';
import { cvaeDescriptor } from '@vaelab/cvae';
import { hvaeDescriptor } from '@vaelab/hvae';
import { betaTcvaeDescriptor } from '@vaelab/beta-tcvae';
import { factorVaeDescriptor } from '@vaelab/factor-vae';
import { dipVaeDescriptor } from '@vaelab/dip-vae';

/**
 * Every variant, in listing order: the one registration list. A variant's knowledge (schema,
 * flags, construction, loading) lives in its package's descriptor; adding a variant is its
 * package, its dependency in this package and one line here.
 */
export const VARIANTS: readonly VariantDescriptor[] = [
  vaeDescriptor,
  betaVaeDescriptor,
  cvaeDescriptor,
  hvaeDescriptor,
  betaTcvaeDescriptor,
  factorVaeDescriptor,
  dipVaeDescriptor,
];

/** Looks a variant up by name; an unknown name throws an error listing the known ones. */
export function variantByName(name: string): VariantDescriptor {
  const entry = VARIANTS.find((v) => v.name === name);
  if (!entry) throw new Error(`unknown variant '${name}'; known: ${VARIANTS.map((v) => v.name).join(', ')}`);
  return entry;
}
