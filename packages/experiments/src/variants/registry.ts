import type { z } from 'zod';
import type { BaseVAE } from '@vaelab/core';
import { VAE, vaeConfigSchema } from '@vaelab/vae';
import { BetaVAE, betaVaeConfigSchema } from '@vaelab/beta-vae';
import { CVAE, cvaeConfigSchema } from '@vaelab/cvae';
import { HierarchicalVAE, hvaeConfigSchema } from '@vaelab/hvae';

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

/** Sets one field of the beta-VAE's `capacity` object, creating it (the other fields take their defaults). */
function capacityField(field: 'max' | 'steps' | 'gamma'): VariantFlag['apply'] {
  return (config, value) => {
    const current = config.capacity;
    config.capacity = { ...(typeof current === 'object' && current !== null ? current : {}), [field]: value };
  };
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
  {
    name: 'beta-vae',
    description: 'beta-VAE (Higgins et al. 2017), or its capacity form (Burgess et al. 2018) with --capacity-max/--capacity-steps/--gamma',
    schema: betaVaeConfigSchema,
    create: (config) => new BetaVAE(config),
    fromBytes: (bytes) => BetaVAE.fromBytes(bytes),
    flags: {
      beta: { description: 'weight of the KL term (default 4)', type: 'number', apply: (config, value) => void (config.beta = value) },
      'capacity-max': { description: 'capacity form: C rises to this many nats (default 25)', type: 'number', apply: capacityField('max') },
      'capacity-steps': { description: 'capacity form: steps for C to reach its maximum (default 100000)', type: 'number', apply: capacityField('steps') },
      gamma: { description: 'capacity form: weight of |KL - C| (default 1000)', type: 'number', apply: capacityField('gamma') },
    },
  },
  {
    name: 'cvae',
    // `numClasses` must come from the training set (the CLI and the sweep executor set it from
    // `dataset.numClasses`); the model rejects a dataset whose class count differs.
    description: 'conditional VAE (Sohn et al. 2015) on class labels: MNIST digits, Fashion-MNIST classes, dSprites shape',
    schema: cvaeConfigSchema,
    create: (config) => new CVAE(config),
    fromBytes: (bytes) => CVAE.fromBytes(bytes),
    flags: {},
    needsLabels: true,
  },
  {
    name: 'hvae',
    // latentDim of a hierarchical VAE is sum(layers): --layers sets both.
    description: 'hierarchical VAE with L stochastic layers (Burda et al. 2015); latentDim = sum of --layers',
    schema: hvaeConfigSchema,
    create: (config) => new HierarchicalVAE(config),
    fromBytes: (bytes) => HierarchicalVAE.fromBytes(bytes),
    flags: {
      layers: {
        description: 'stochastic layer sizes bottom-up, e.g. 32,16 (sets latentDim to their sum; default 100,50)',
        type: 'numbers',
        apply: (config, value) => {
          const sizes = [value].flat();
          config.layers = sizes;
          config.latentDim = sizes.reduce((a, b) => a + b, 0);
        },
      },
      'latent-hidden': {
        description: 'hidden sizes of the z-to-z networks, e.g. 100,100 (default)',
        type: 'numbers',
        apply: (config, value) => void (config.latentHidden = [value].flat()),
      },
    },
  },
];

/** Looks a variant up by name; an unknown name throws an error listing the known ones. */
export function variantByName(name: string): VariantRegistration {
  const entry = VARIANTS.find((v) => v.name === name);
  if (!entry) throw new Error(`unknown variant '${name}'; known: ${VARIANTS.map((v) => v.name).join(', ')}`);
  return entry;
}
