import type { z } from 'zod';
import type { BaseVAE } from '@vaelab/core';
import { VAE, vaeConfigSchema } from '@vaelab/vae';

/** A command-line flag of one variant, mapped onto a config field. */
export interface VariantFlag {
  /** One line for `--help`. */
  description: string;
  /** `number`: one number; `numbers`: a comma-separated list (e.g. `--layers 32,16`). */
  type: 'number' | 'numbers';
  /** Sets the flag's value on a partial config (a flag may touch nested fields). */
  apply(config: Record<string, unknown>, value: number | number[]): void;
}

/** Everything the CLI and the sweep runner need to know about one variant. */
export interface VariantRegistration {
  /** The name used in `--variant`, sweep files and checkpoints. */
  name: string;
  /** One line for listings. */
  description: string;
  /** The variant's full config schema (the base fields plus its own). */
  schema: z.ZodObject<z.ZodRawShape>;
  /** Builds a model from a partial config (validated by the variant's constructor). */
  create(config: Record<string, unknown>): BaseVAE;
  /** Rebuilds a model from checkpoint bytes. */
  fromBytes(bytes: Uint8Array): BaseVAE;
  /** Flags of `vaelab train` that only this variant accepts. */
  flags: Record<string, VariantFlag>;
  /** Whether training needs class labels (conditional models). @default false */
  needsLabels?: boolean;
}

/** Every variant, in listing order: the explicit registration list. */
export const VARIANTS: readonly VariantRegistration[] = [
  {
    name: 'vae',
    description: 'the plain VAE (Kingma & Welling 2014)',
    schema: vaeConfigSchema,
    create: (config) => new VAE(config),
    fromBytes: (bytes) => VAE.fromBytes(bytes),
    flags: {},
  },
];

/** Looks a variant up by name; an unknown name throws an error listing the known ones. */
export function variantByName(name: string): VariantRegistration {
  const entry = VARIANTS.find((v) => v.name === name);
  if (!entry) throw new Error(`unknown variant '${name}'; known: ${VARIANTS.map((v) => v.name).join(', ')}`);
  return entry;
}
