import * as tf from '@tensorflow/tfjs-core';
import {
  bernoulliLogLikelihood,
  freeBitsKl,
  gaussianKlStandard,
  gaussianLogDensity,
  gaussianLogLikelihood,
  klWeight,
  reparameterize,
} from '@vaelab/losses';
import { buildDecoder, buildEncoder } from './nn/architecture.ts';
import type { Network } from './nn/architecture.ts';
import { createRng } from './rng.ts';
import type { Rng } from './rng.ts';
import type { BaseVaeConfig } from './config.ts';
import type { ImageDataset } from './data.ts';
import { imageSize } from './data.ts';
import { encodeCheckpoint, writeCheckpoint } from './checkpoint.ts';
import type { CheckpointTensors } from './checkpoint.ts';
import { assignWeights } from './weights.ts';
import { evaluateModel } from './evaluate.ts';
import { describeDecoder } from './decoder-description.ts';
import type { DecoderDescription, DecoderInputs } from './decoder-description.ts';
import type { EvaluateOptions } from './evaluate.ts';
import { fitModel } from './train.ts';
import type { EvalResult, FitOptions, FitResult } from './train-types.ts';
import type { AuxiliaryBatch, ConditionOptions, Encoding, LossTerms, ObjectiveInput } from './variant.ts';
import { EVALUATION_STEP } from './contract.ts';
import type { LatentLayerInfo, ModelCondition, PassOptions, PosteriorPass, VaeModel } from './contract.ts';

/**
 * The VAE every variant starts from (Kingma & Welling 2014): a Gaussian encoder q(z|x), a
 * standard-normal prior, a decoder p(x|z), trained on the (weighted) negative ELBO.
 *
 * Variants override one protected hook where their paper differs:
 * - `regularizer` — what the KL term becomes in the loss (beta-VAE: beta * KL; capacity form);
 * - `conditionSize` / `conditionOf` — what the encoder and decoder see besides x and z (CVAE);
 * - `buildLatent` / `forward` / `klMatrix` / `decodeLatent` — the latent structure
 *   (hierarchical VAE).
 *
 * Everything else uses the public contract {@link VaeModel} (`contract.ts`): `posterior`,
 * `klPerDimension`, `logImportanceWeights`, `condition`, `latentLayers`, `encode`, `decode`, ...
 * The training loop calls `lossTerms` and `auxiliaryStep`; evaluation passes `EVALUATION_STEP`.
 */
export abstract class BaseVAE<C extends BaseVaeConfig = BaseVaeConfig> implements VaeModel {
  abstract readonly variantName: string;
  readonly config: C;
  /** Every trainable variable by checkpoint name. */
  readonly variables = new Map<string, tf.Variable>();
  protected readonly noise: Rng;
  protected encoder!: Network;
  protected decoder!: Network;
  /** Learned per-pixel log-variance of the `gaussian-learned` likelihood. */
  protected outputLogvar?: tf.Variable;

  constructor(config: C) {
    this.config = config;
    const init = createRng(config.seed);
    this.noise = init.fork();
    this.buildLatent(init);
    if (config.likelihood === 'gaussian-learned') {
      this.outputLogvar = tf.variable(tf.zeros([this.inputSize]), true);
      this.variables.set('likelihood/logvar', this.outputLogvar);
    }
  }

  /** Values per image. */
  get inputSize(): number {
    return imageSize(this.config.inputShape);
  }

  /** Total latent dimensions (across layers). */
  get latentSize(): number {
    return this.config.latentDim;
  }

  /** Width of the condition vector fed to encoder and decoder (0: unconditional). */
  protected get conditionSize(): number {
    return 0;
  }

  /** Present for a conditional model: the classes of its one-hot condition. */
  get condition(): ModelCondition | undefined {
    return this.conditionSize > 0 ? { classes: this.conditionSize } : undefined;
  }

  /** The stochastic layers, bottom first (hierarchical models override). */
  get latentLayers(): readonly LatentLayerInfo[] {
    return [{ name: 'z', size: this.config.latentDim }];
  }

  /** What the decoder reads: the code of the bottom stochastic layer (z1 for hierarchical models), then the condition. */
  get decoderInputs(): DecoderInputs {
    return { latentSize: this.latentLayers[0].size, conditionSize: this.conditionSize };
  }

  /**
   * The decoder as plain data with its current weights (see `decoder-description.ts`): what
   * {@link BaseVAE.decodeBottom} computes, runnable without TensorFlow.js.
   */
  describeDecoder(): DecoderDescription {
    return describeDecoder('decoder', this.config, this.decoderInputs, (name) => {
      const variable = this.variables.get(name);
      return variable && { shape: variable.shape, values: variable.dataSync() as Float32Array };
    });
  }

  /** Registers a network's variables under its prefix. */
  protected adopt(network: Network): Network {
    for (const [name, variable] of network.variables) this.variables.set(name, variable);
    return network;
  }

  /** Builds the encoder and decoder. */
  protected buildLatent(rng: Rng): void {
    this.encoder = this.adopt(buildEncoder('encoder', this.config, this.conditionSize, 2 * this.config.latentDim, rng));
    this.decoder = this.adopt(buildDecoder('decoder', this.config, this.config.latentDim + this.conditionSize, rng));
  }

  /** Condition tensor for class labels (conditional models override). */
  protected conditionOf(_labels: ArrayLike<number> | undefined, _rows: number): tf.Tensor2D | undefined {
    return undefined;
  }

  /** Standard-normal noise from the model's seeded stream. */
  protected epsilon(rows: number, cols: number, rng: Rng = this.noise): tf.Tensor2D {
    return tf.tensor2d(rng.fillNormal(new Float32Array(rows * cols)), [rows, cols]);
  }

  protected splitGaussian(h: tf.Tensor2D, dim: number): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
    const [mu, logvar] = tf.split(h, [dim, dim], 1) as [tf.Tensor2D, tf.Tensor2D];
    return { mu, logvar };
  }

  /** The encoder's posterior q(z|x) of a batch and one reparameterised sample from it. */
  protected posteriorSample(x: tf.Tensor2D, condition?: tf.Tensor2D, rng: Rng = this.noise): { mu: tf.Tensor2D; logvar: tf.Tensor2D; z: tf.Tensor2D } {
    const { mu, logvar } = this.splitGaussian(this.encoder.apply(x, condition), this.config.latentDim);
    const z = reparameterize(mu, logvar, this.epsilon(x.shape[0], this.config.latentDim, rng), this.config.logvarRange) as tf.Tensor2D;
    return { mu, logvar, z };
  }

  /** One pass through the model: the objective's named input. */
  protected forward(x: tf.Tensor2D, step: number, condition?: tf.Tensor2D, rng: Rng = this.noise): ObjectiveInput {
    const { mu, logvar, z } = this.posteriorSample(x, condition, rng);
    return { x, recon: this.decoder.apply(z, condition), mu, logvar, z, step, condition };
  }

  /** KL of each example and latent dimension, `[batch, latentSize]`, of a forward pass. */
  protected klMatrix(input: ObjectiveInput): tf.Tensor2D {
    return gaussianKlStandard(input.mu, tf.clipByValue(input.logvar, ...this.config.logvarRange)) as tf.Tensor2D;
  }

  /** log p(x|z) per example. */
  protected logLikelihood(input: ObjectiveInput): tf.Tensor1D {
    if (this.config.likelihood === 'bernoulli') return bernoulliLogLikelihood(input.recon, input.x) as tf.Tensor1D;
    const logvar = this.outputLogvar ?? this.config.observationLogVariance;
    return gaussianLogLikelihood(input.recon, input.x, logvar) as tf.Tensor1D;
  }

  /**
   * The KL term as it enters the loss. Default: the schedule's weight times the KL, with the
   * free-bits floor per dimension. `klPerDim` is `[batch, latentSize]`; `input` is the batch's
   * forward pass, for regularizers on the codes themselves (beta-TCVAE's total correlation,
   * DIP-VAE's covariance penalties).
   */
  protected regularizer(klPerDim: tf.Tensor2D, step: number, _input?: ObjectiveInput): tf.Scalar {
    return tf.mul(freeBitsKl(klPerDim, this.config.freeBits), klWeight(this.config.klSchedule, step));
  }

  /**
   * log p(x, z) - log q(z | x) at the sampled z of `input`, one value per example: the log
   * importance weight of the IWAE bound (Burda et al. 2015, eq. 8). Sums over every stochastic
   * layer in `input.layers` (conditional priors where a layer has one), so hierarchical models
   * need no override.
   */
  protected logImportanceWeight(input: ObjectiveInput): tf.Tensor1D {
    return tf.tidy(() => {
      const [lo, hi] = this.config.logvarRange;
      const layers = input.layers ?? [{ mu: input.mu, logvar: input.logvar, z: input.z }];
      let weight: tf.Tensor = this.logLikelihood(input);
      for (const layer of layers) {
        const logQ = gaussianLogDensity(layer.z, layer.mu, tf.clipByValue(layer.logvar, lo, hi));
        const logP = layer.priorMu && layer.priorLogvar
          ? gaussianLogDensity(layer.z, layer.priorMu, tf.clipByValue(layer.priorLogvar, lo, hi))
          : gaussianLogDensity(layer.z, tf.zerosLike(layer.z), tf.zerosLike(layer.z));
        weight = tf.add(weight, tf.sub(logP, logQ));
      }
      return weight as tf.Tensor1D;
    });
  }

  /** Per-layer KL scalars (hierarchical models override). */
  protected klPerLayer(_klPerDim: tf.Tensor1D): tf.Scalar[] | undefined {
    return undefined;
  }

  /** The shared objective: every variant reports the same terms (see {@link LossTerms}). */
  protected objective(input: ObjectiveInput): LossTerms {
    const klMatrix = this.klMatrix(input);
    const klPerDim = tf.mean(klMatrix, 0) as tf.Tensor1D;
    const kl = tf.sum(klPerDim) as tf.Scalar;
    const reconstruction = tf.neg(tf.mean(this.logLikelihood(input))) as tf.Scalar;
    return {
      loss: tf.add(reconstruction, this.regularizer(klMatrix, input.step, input)) as tf.Scalar,
      elbo: tf.neg(tf.add(reconstruction, kl)) as tf.Scalar,
      reconstruction,
      kl,
      klPerDim,
      klPerLayer: this.klPerLayer(klPerDim),
    };
  }

  /**
   * Forward pass and objective of one batch at training step `step`; `EVALUATION_STEP` evaluates
   * (the KL schedule's final weight). `labels` are a conditional model's class indices.
   */
  lossTerms(x: tf.Tensor2D, step: number, labels?: ArrayLike<number>, rng?: Rng): LossTerms {
    return this.objective(this.forward(x, step, this.conditionOf(labels, x.shape[0]), rng));
  }

  /** The condition of a public call's `{ label }` for `rows` rows (undefined for an unconditional model). */
  private conditionFor(options: ConditionOptions | undefined, rows: number): tf.Tensor2D | undefined {
    return this.conditionOf(this.labelsOf(options, rows), rows);
  }

  /**
   * One evaluation-mode pass (`EVALUATION_STEP`) of `x` through the inference network: every
   * layer's posterior and sample, and the KL terms of each example and dimension, from the same
   * draws. Noise comes from `options.noise` (the model's own stream by default).
   */
  posterior(x: tf.Tensor2D, options: PassOptions = {}): PosteriorPass {
    // tf.tidy keeps every tensor of the returned object; its type only knows plain containers.
    return tf.tidy(() => {
      const input = this.forward(x, EVALUATION_STEP, this.conditionFor(options, x.shape[0]), options.noise ?? this.noise);
      const layers = input.layers ?? [{ mu: input.mu, logvar: input.logvar, z: input.z }];
      return { layers, klPerDimension: this.klMatrix(input) } as unknown as tf.TensorContainer;
    }) as unknown as PosteriorPass;
  }

  /** The KL terms of each example and latent dimension, `[batch, latentSize]` (see {@link PosteriorPass}). */
  klPerDimension(x: tf.Tensor2D, options: PassOptions = {}): tf.Tensor2D {
    return tf.tidy(() => this.posterior(x, options).klPerDimension);
  }

  /**
   * log p(x, z_i) - log q(z_i | x) for `k` draws z_i ~ q(z | x) of each row of `x`, `[rows, k]`:
   * the log importance weights of the IWAE bound (Burda et al. 2015, eq. 8), summed over every
   * stochastic layer. Rows are repeated k times in place (row 0 k times, then row 1, ...) and
   * noise is drawn for them in that order. `{ label }` gives one class, or one per row of `x`.
   */
  logImportanceWeights(x: tf.Tensor2D, k: number, options: PassOptions = {}): tf.Tensor2D {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`logImportanceWeights: k must be a positive integer, got ${k}`);
    return tf.tidy(() => {
      const rows = x.shape[0];
      const owner = Int32Array.from({ length: rows * k }, (_, r) => Math.floor(r / k));
      const repeated = k === 1 ? x : (tf.gather(x, owner) as tf.Tensor2D);
      // One class per row, or a label vector per row: each row's part repeated with the row.
      const labels = this.labelsOf(options, rows);
      const width = labels ? labels.length / rows : 0;
      const repeatedLabels = labels && (k === 1 ? labels : Array.from(owner).flatMap((i) => labels.slice(i * width, (i + 1) * width)));
      const condition = this.conditionOf(repeatedLabels, rows * k);
      const input = this.forward(repeated, EVALUATION_STEP, condition, options.noise ?? this.noise);
      return tf.reshape(this.logImportanceWeight(input), [rows, k]) as tf.Tensor2D;
    });
  }

  /**
   * One update of networks trained alongside the VAE on their own loss with their own optimizer
   * (FactorVAE's discriminator, Kim & Mnih 2018, Algorithm 2). `fitModel` calls it after every
   * VAE update, inside the step's tidy scope, with the step's batch. The plain VAE has no such
   * network and does nothing. Auxiliary variables stay out of {@link BaseVAE.variables}, so the
   * VAE's optimizer never updates them.
   */
  auxiliaryStep(_batch: AuxiliaryBatch): void {}

  fit(train: ImageDataset, options: FitOptions = {}): Promise<FitResult> {
    return fitModel(this, train, options);
  }

  /** Held-out loss terms on a seeded random sample of `data` (`evaluateModel`). */
  evaluate(data: ImageDataset, options: EvaluateOptions = {}): EvalResult {
    return evaluateModel(this, data, options);
  }

  private labelsOf(options: ConditionOptions | undefined, rows: number): number[] | undefined {
    const label = options?.label;
    if (label === undefined) return undefined;
    return typeof label === 'number' ? new Array(rows).fill(label) : Array.from(label);
  }

  encode(x: tf.Tensor2D, options?: ConditionOptions): Encoding {
    return tf.tidy(() => this.splitGaussian(this.encoder.apply(x, this.conditionOf(this.labelsOf(options, x.shape[0]), x.shape[0])), this.config.latentDim));
  }

  /** Maps decoder outputs to pixel means (sigmoid of logits for Bernoulli). */
  protected outputMean(recon: tf.Tensor2D): tf.Tensor2D {
    return this.config.likelihood === 'bernoulli' ? tf.sigmoid(recon) : recon;
  }

  /** Decoder outputs for latent codes of the whole latent (top layer for hierarchical models). */
  protected decodeLatent(z: tf.Tensor2D, condition?: tf.Tensor2D): tf.Tensor2D {
    return this.decoder.apply(z, condition);
  }

  /** Pixel means p(x|z) for codes `z`. */
  decode(z: tf.Tensor2D, options?: ConditionOptions): tf.Tensor2D {
    return tf.tidy(() => this.outputMean(this.decodeLatent(z, this.conditionOf(this.labelsOf(options, z.shape[0]), z.shape[0]))));
  }

  /**
   * Pixel means p(x | z1) for codes of the bottom stochastic layer, the decoder's own input:
   * `decode` for single-layer models; a hierarchical model's `decode` starts at its top layer.
   */
  decodeBottom(z1: tf.Tensor2D, options?: ConditionOptions): tf.Tensor2D {
    return tf.tidy(() => this.outputMean(this.decoder.apply(z1, this.conditionOf(this.labelsOf(options, z1.shape[0]), z1.shape[0]))));
  }

  /** Decodes the posterior mean of each input. */
  reconstruct(x: tf.Tensor2D, options?: ConditionOptions): tf.Tensor2D {
    return tf.tidy(() => this.decode(this.encode(x, options).mu, options));
  }

  /** Width of the code `sample` draws from the prior (the top layer for hierarchical models). */
  get priorSize(): number {
    return this.config.latentDim;
  }

  /** Decodes `n` draws from the prior. */
  sample(n: number, options: ConditionOptions & { seed?: number } = {}): tf.Tensor2D {
    const rng = options.seed === undefined ? this.noise : createRng(options.seed);
    return tf.tidy(() => this.decode(this.epsilon(n, this.priorSize, rng), options));
  }

  /** Decodes `steps` codes on the line between the posterior means of `a` and `b` (one row each). */
  interpolate(a: tf.Tensor2D, b: tf.Tensor2D, steps: number, options?: ConditionOptions): tf.Tensor2D {
    return tf.tidy(() => {
      const za = this.encode(a, options).mu;
      const zb = this.encode(b, options).mu;
      const t = tf.reshape(tf.linspace(0, 1, steps), [steps, 1]);
      const z = tf.add(tf.mul(tf.sub(1, t), za), tf.mul(t, zb)) as tf.Tensor2D;
      return this.decode(z, options);
    });
  }

  /** Weights and config as one self-describing byte array (see checkpoint.ts). */
  toBytes(): Uint8Array {
    return encodeCheckpoint(this.variantName, this.config, this.variables, this.decoderInputs);
  }

  save(path: string): Promise<void> {
    return writeCheckpoint(path, this.toBytes());
  }

  /** Overwrites the weights with a checkpoint's; names and shapes must match exactly. */
  setWeights(tensors: CheckpointTensors): void {
    assignWeights(this.variables, tensors);
  }

  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
    this.variables.clear();
  }
}
