import * as tf from '@tensorflow/tfjs-core';
import { BaseVAE, buildDecoder, buildEncoder, createRng, decodeCheckpoint, mlp, readCheckpoint, restoreModel } from '@vaelab/core';
import type { ConditionOptions, DecoderInputs, Encoding, LatentLayer, LatentLayerInfo, Network, ObjectiveInput, Rng } from '@vaelab/core';
import { gaussianKlStandard, reparameterize } from '@vaelab/losses';
import { sampledLayerKl } from './layer-kl.ts';
import { normalizeHvaeConfig } from './config.ts';
import { priorNetworks, topDownLayout } from './prior-layout.ts';
import type { HvaeConfig, HvaeInit } from './config.ts';

const NAME = 'hvae';

/**
 * A VAE with L stochastic layers (Burda et al. 2015, section 2; their two-layer MNIST models).
 *
 * Inference is bottom-up, q(z1|x) q(z2|z1) ... q(zL|zL-1); generation is top-down,
 * p(zL) = N(0, I), p(z_l | z_{l+1}) diagonal Gaussian, p(x|z1). The ELBO has one KL term per
 * layer: KL(q(zL|.) || N(0, I)) in closed form at the top, and for l < L the sampled
 * log q(z_l|.) - log p(z_l | z_{l+1}) at the same samples z_l, z_{l+1} the forward pass drew
 * (see `sampledLayerKl`: a closed-form KL at the sampled z_{l+1} would be biased, because
 * z_{l+1} depends on z_l). This is the single-sample ELBO of Burda et al. 2015 (eq. 8, k = 1)
 * with the top layer's KL analytic; `loss`, `elbo`, `kl`, `kl/layer<i>` and the per-dimension
 * vector all come from these terms. They are reported as `kl/layer1`, `kl/layer2`, ...
 *
 * The x <-> z1 networks are core's encoder and decoder (MLP or conv); every z <-> z network is
 * an MLP with hidden sizes `latentHidden`. They are created after the encoder and decoder, and
 * noise is drawn bottom-up, so with one layer the model is exactly the plain VAE.
 *
 * Latent codes: `encode` gives every layer's posterior (means propagated bottom-up) in
 * `layers`, and the top layer as `mu`/`logvar`; `decode` and `interpolate` work on the top
 * layer and run the top-down chain through the prior means; `sample` draws the chain
 * ancestrally; `reconstruct` decodes the posterior mean of z1.
 */
export class HierarchicalVAE extends BaseVAE<HvaeConfig> {
  readonly variantName = NAME;
  // Built by buildLatent, which runs inside the base constructor: `declare` keeps the class
  // field definitions from resetting them afterwards.
  /** q(z_{l+1} | z_l), index l - 1. */
  declare protected inference: Network[];
  /** p(z_l | z_{l+1}), index l - 1. */
  declare protected priors: Network[];

  /** Builds a hierarchical VAE from a partial config; invalid fields throw a `ConfigError` naming them. */
  constructor(config: HvaeInit = {}) {
    super(normalizeHvaeConfig(config));
  }

  /** Every layer's dimensions: `sum(layers)`, the width of `klPerDim`. */
  override get latentSize(): number {
    return this.config.latentDim;
  }

  /** z1, z2, ... bottom first. */
  override get latentLayers(): readonly LatentLayerInfo[] {
    return this.config.layers.map((size, l) => ({ name: `z${l + 1}`, size }));
  }

  /** `sample` and `decode` start from the top layer. */
  override get priorSize(): number {
    return this.config.layers[this.config.layers.length - 1];
  }

  /** The decoder reads z1; above it, the prior networks the explorer walks from z_L (see `prior-layout.ts`). */
  override get decoderInputs(): DecoderInputs {
    const topDown = topDownLayout(this.config);
    return { ...super.decoderInputs, ...(topDown ? { topDown } : {}) };
  }

  protected override buildLatent(rng: Rng): void {
    const { layers, latentHidden, activation } = this.config;
    // Core's encoder and decoder, sized for z1 rather than the whole latent (latentDim).
    this.encoder = this.adopt(buildEncoder('encoder', this.config, this.conditionSize, 2 * layers[0], rng));
    this.decoder = this.adopt(buildDecoder('decoder', this.config, layers[0] + this.conditionSize, rng));
    const zNet = (name: string, from: number, to: number): Network => {
      const net = mlp(name, from, latentHidden, 2 * to, activation, rng);
      return this.adopt({ variables: net.variables, apply: (z) => net.apply(z) as tf.Tensor2D });
    };
    this.inference = layers.slice(1).map((size, i) => zNet(`inference${i + 1}`, layers[i], size));
    this.priors = priorNetworks(layers).map(({ name, inputs, size }) => zNet(name, inputs, size));
  }

  /** Gaussian parameters of q(z_{l+1} | z_l) (l >= 1) or p(z_l | z_{l+1}). */
  private gaussian(net: Network, input: tf.Tensor2D, size: number): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
    return this.splitGaussian(net.apply(input), size);
  }

  protected override forward(x: tf.Tensor2D, step: number, condition?: tf.Tensor2D, rng: Rng = this.noise): ObjectiveInput {
    const sizes = this.config.layers;
    const layers: LatentLayer[] = [];
    for (let l = 0; l < sizes.length; l++) {
      const { mu, logvar } = l === 0 ? this.splitGaussian(this.encoder.apply(x, condition), sizes[0]) : this.gaussian(this.inference[l - 1], layers[l - 1].z, sizes[l]);
      const z = reparameterize(mu, logvar, this.epsilon(x.shape[0], sizes[l], rng), this.config.logvarRange) as tf.Tensor2D;
      layers.push({ mu, logvar, z });
    }
    for (let l = 0; l + 1 < sizes.length; l++) {
      const prior = this.gaussian(this.priors[l], layers[l + 1].z, sizes[l]);
      layers[l].priorMu = prior.mu;
      layers[l].priorLogvar = prior.logvar;
    }
    const [bottom] = layers;
    return { x, recon: this.decoder.apply(bottom.z, condition), mu: bottom.mu, logvar: bottom.logvar, z: bottom.z, step, condition, layers };
  }

  /**
   * Every layer's KL term per dimension, concatenated bottom-up: `[batch, sum(layers)]`. The
   * top layer's is the closed form against N(0, I); a lower layer's is the sampled
   * log q(z_l|.) - log p(z_l | z_{l+1}) at the forward pass's samples (`sampledLayerKl`), so
   * its mean over examples, not each entry, is the layer's KL.
   */
  protected override klMatrix(input: ObjectiveInput): tf.Tensor2D {
    const [lo, hi] = this.config.logvarRange;
    const layers = input.layers ?? [{ mu: input.mu, logvar: input.logvar, z: input.z }];
    const parts = layers.map(({ mu, logvar, z, priorMu, priorLogvar }) => {
      const q = tf.clipByValue(logvar, lo, hi);
      return priorMu && priorLogvar ? sampledLayerKl(z, mu, q, priorMu, tf.clipByValue(priorLogvar, lo, hi)) : gaussianKlStandard(mu, q);
    });
    return (parts.length === 1 ? parts[0] : tf.concat(parts, 1)) as tf.Tensor2D;
  }

  protected override klPerLayer(klPerDim: tf.Tensor1D): tf.Scalar[] {
    return tf.split(klPerDim, this.config.layers).map((part) => tf.sum(part) as tf.Scalar);
  }

  /** Posterior of every layer, means propagated bottom-up; `mu`/`logvar` are the top layer's. */
  override encode(x: tf.Tensor2D, _options?: ConditionOptions): Encoding {
    return tf.tidy(() => {
      const sizes = this.config.layers;
      const layers = [this.splitGaussian(this.encoder.apply(x), sizes[0])];
      for (let l = 1; l < sizes.length; l++) layers.push(this.gaussian(this.inference[l - 1], layers[l - 1].mu, sizes[l]));
      const top = layers[layers.length - 1];
      return { mu: top.mu, logvar: top.logvar, layers };
    });
  }

  /** Top-layer codes down the chain to decoder outputs; each z_l is the mean of p(z_l | z_{l+1}), or a draw when `rng` is given. */
  private topDown(zTop: tf.Tensor2D, condition?: tf.Tensor2D, rng?: Rng): tf.Tensor2D {
    const sizes = this.config.layers;
    let z = zTop;
    for (let l = sizes.length - 2; l >= 0; l--) {
      const { mu, logvar } = this.gaussian(this.priors[l], z, sizes[l]);
      z = rng ? (reparameterize(mu, logvar, this.epsilon(z.shape[0], sizes[l], rng), this.config.logvarRange) as tf.Tensor2D) : mu;
    }
    return this.decoder.apply(z, condition);
  }

  protected override decodeLatent(z: tf.Tensor2D, condition?: tf.Tensor2D): tf.Tensor2D {
    return this.topDown(z, condition);
  }

  /** Decodes the posterior mean of z1 (the layer the decoder reads). */
  override reconstruct(x: tf.Tensor2D, _options?: ConditionOptions): tf.Tensor2D {
    return tf.tidy(() => this.outputMean(this.decoder.apply(this.splitGaussian(this.encoder.apply(x), this.config.layers[0]).mu)));
  }

  /** Ancestral samples: zL ~ N(0, I), z_l ~ p(z_l | z_{l+1}), then the pixel means of p(x | z1). */
  override sample(n: number, options: ConditionOptions & { seed?: number } = {}): tf.Tensor2D {
    const rng = options.seed === undefined ? this.noise : createRng(options.seed);
    return tf.tidy(() => this.outputMean(this.topDown(this.epsilon(n, this.priorSize, rng), undefined, rng)));
  }

  /** Loads a model written by `save`. */
  static async load(path: string): Promise<HierarchicalVAE> {
    return restoreModel(await readCheckpoint(path), NAME, (c) => new HierarchicalVAE(c as HvaeInit), path);
  }

  /** Rebuilds a model from `toBytes()` output. */
  static fromBytes(bytes: Uint8Array): HierarchicalVAE {
    return restoreModel(decodeCheckpoint(bytes), NAME, (c) => new HierarchicalVAE(c as HvaeInit));
  }
}
