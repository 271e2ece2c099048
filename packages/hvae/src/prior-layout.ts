import { denseSteps } from '@vaelab/core';
import type { DecoderInputs } from '@vaelab/core';
import type { HvaeConfig } from './config.ts';

/**
 * The networks of the hierarchical VAE's conditional priors p(z_l | z_{l+1}) (Burda et al.
 * 2015, section 2) as plain data: `HierarchicalVAE` builds them from this list, and its
 * checkpoint records the same list as dense layouts (`topDownLayout`), so the report's latent
 * explorer can run the generative path with core's plain-JS evaluator and no hvae code.
 */
export interface PriorNetwork {
  /** Weight prefix, `prior<l>` for p(z_l | z_{l+1}). */
  name: string;
  /** Width of z_{l+1}, the layer the network reads. */
  inputs: number;
  /** Width of z_l: the network outputs its mean then its log-variance, `2 * size` values. */
  size: number;
}

/** p(z_l | z_{l+1}) for l = 1 .. L-1, bottom first (index l - 1). */
export function priorNetworks(layers: readonly number[]): PriorNetwork[] {
  return layers.slice(1).map((above, i) => ({ name: `prior${i + 1}`, inputs: above, size: layers[i] }));
}

/**
 * The generative path above the decoder for core's decoder description: the prior networks top
 * first, each the MLP `mlp` builds (`latentHidden` hidden sizes with the activation, a linear
 * output of mean and log-variance). Undefined for a one-layer model, which is the plain VAE.
 */
export function topDownLayout(config: Pick<HvaeConfig, 'layers' | 'latentHidden' | 'activation'>): DecoderInputs['topDown'] {
  const { layers, latentHidden, activation } = config;
  if (layers.length < 2) return undefined;
  return {
    latentSize: layers[layers.length - 1],
    priors: priorNetworks(layers).reverse().map(({ name, inputs, size }) => ({ size, steps: denseSteps(name, inputs, latentHidden, 2 * size, activation) })),
  };
}
