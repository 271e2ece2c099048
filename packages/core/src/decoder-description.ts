import { decoderLayout } from './nn/decoder-layout.ts';
import type { DecoderStep, NetworkShape } from './nn/decoder-layout.ts';
import type { Activation } from './nn/module.ts';
import type { Checkpoint } from './checkpoint.ts';

/**
 * A model's decoder p(x | z) as plain data: its layers in order with their shapes, activation
 * names, strides, padding and weights, enough to run it without TensorFlow.js (the report's
 * latent explorer does, with `decoder-evaluator.ts`). Built from {@link decoderLayout}, the list
 * `buildDecoder` creates the layers from, so the description always matches the decoder.
 */
export interface DecoderDescription {
  /** Width of the latent code the decoder reads (z1 for a hierarchical model). */
  latentSize: number;
  /** Width of the condition appended to the code (a CVAE's one-hot class); 0 when unconditional. */
  conditionSize: number;
  /** Shape of one decoded image, `[height, width, channels]`. */
  outputShape: [number, number, number];
  /** What turns the last layer's values into pixel means: `sigmoid` for Bernoulli logits, `identity` for Gaussian means. */
  output: 'sigmoid' | 'identity';
  layers: DescribedLayer[];
  /**
   * A hierarchical model's generative path above the decoder (absent for single-latent
   * models): the networks of the conditional priors p(z_{l-1} | z_l), top first, each mapping
   * its layer's code to `[mean, log-variance]` of the layer below (`size` values each). Walking
   * them from z_L through the means gives the z1 the decoder reads (Burda et al. 2015, section 2).
   */
  topDown?: { latentSize: number; priors: { size: number; layers: DescribedLayer[] }[] };
}

/** One layer of a {@link DecoderDescription}; weights are row-major float32 in TensorFlow's layouts. */
export type DescribedLayer =
  | { op: 'dense'; inputs: number; units: number; activation: Activation; kernel: Float32Array; bias: Float32Array }
  | { op: 'reshape'; shape: number[] }
  | {
    op: 'conv-transpose'; inChannels: number; outChannels: number; kernel: number; stride: number; padding: 'same'; activation: Activation;
    /** `[kernel, kernel, outChannels, inChannels]`. */
    filter: Float32Array; bias: Float32Array;
  };

/** What a decoder reads: its latent width and the width of the condition after it. */
export interface DecoderInputs {
  latentSize: number;
  conditionSize: number;
  /**
   * A hierarchical model's prior networks as layouts (top first; see
   * {@link DecoderDescription.topDown}), from the code that builds them, so that a checkpoint
   * says what they are and they can be described without the model's package.
   */
  topDown?: { latentSize: number; priors: { size: number; steps: DecoderStep[] }[] };
}

/** Why a decoder cannot be described (a weight missing or of another shape than the layout's). */
export class DecoderDescriptionError extends Error {
  override readonly name = 'DecoderDescriptionError';
}

/** Saved weights by name, as `Checkpoint.tensors` and `BaseVAE` hold them. */
export type WeightLookup = (name: string) => { shape: readonly number[]; values: Float32Array } | undefined;

function weight(lookup: WeightLookup, name: string, shape: number[]): Float32Array {
  const found = lookup(name);
  if (!found) throw new DecoderDescriptionError(`weight '${name}' is missing`);
  if (found.shape.join('x') !== shape.join('x')) {
    throw new DecoderDescriptionError(`decoder weight '${name}' has shape ${found.shape.join('x')}, the layout needs ${shape.join('x')}`);
  }
  return found.values;
}

function describeStep(step: DecoderStep, lookup: WeightLookup): DescribedLayer {
  switch (step.op) {
    case 'dense':
      return {
        op: 'dense', inputs: step.inputs, units: step.units, activation: step.activation,
        kernel: weight(lookup, `${step.name}/kernel`, [step.inputs, step.units]), bias: weight(lookup, `${step.name}/bias`, [step.units]),
      };
    case 'reshape':
      return { op: 'reshape', shape: [...step.shape] };
    case 'conv-transpose':
      return {
        op: 'conv-transpose', inChannels: step.inChannels, outChannels: step.outChannels, kernel: step.kernel, stride: step.stride,
        padding: step.padding, activation: step.activation,
        filter: weight(lookup, `${step.name}/kernel`, [step.kernel, step.kernel, step.outChannels, step.inChannels]),
        bias: weight(lookup, `${step.name}/bias`, [step.outChannels]),
      };
  }
}

/** The decoder named `prefix` of a model of `shape` (and the prior networks above it, when `inputs` lists them), with weights from `lookup`. */
export function describeDecoder(prefix: string, shape: NetworkShape & { likelihood: string }, inputs: DecoderInputs, lookup: WeightLookup): DecoderDescription {
  const steps = decoderLayout(prefix, shape, inputs.latentSize + inputs.conditionSize);
  const [h, w, c] = shape.inputShape;
  const topDown = inputs.topDown && {
    latentSize: inputs.topDown.latentSize,
    priors: inputs.topDown.priors.map(({ size, steps: prior }) => ({ size, layers: prior.map((step) => describeStep(step, lookup)) })),
  };
  return {
    latentSize: inputs.latentSize,
    conditionSize: inputs.conditionSize,
    outputShape: [h, w, c],
    output: shape.likelihood === 'bernoulli' ? 'sigmoid' : 'identity',
    layers: steps.map((step) => describeStep(step, lookup)),
    ...(topDown ? { topDown } : {}),
  };
}

/**
 * The decoder of a saved model, read from the checkpoint alone (no model is built, no
 * TensorFlow.js loaded). Checkpoints record what their decoder reads (`decoder` in the header);
 * one written before that is read as a single-latent decoder of `latentDim` inputs plus whatever
 * its first layer takes beyond them (the condition).
 */
export function describeCheckpointDecoder(checkpoint: Checkpoint): DecoderDescription {
  const config = checkpoint.config as unknown as NetworkShape & { likelihood?: string; latentDim?: number };
  if (!config.architecture || !Array.isArray(config.inputShape)) throw new DecoderDescriptionError('checkpoint config lacks architecture or inputShape');
  const shape = { ...config, activation: config.activation ?? 'relu', likelihood: config.likelihood ?? 'bernoulli' };
  let inputs = checkpoint.decoder;
  if (!inputs) {
    const latentSize = Number(config.latentDim);
    const [first] = decoderLayout('decoder', shape, latentSize);
    const width = first.op === 'dense' ? checkpoint.tensors.get(`${first.name}/kernel`)?.shape[0] : undefined;
    if (!Number.isInteger(latentSize) || width === undefined || width < latentSize) {
      throw new DecoderDescriptionError('checkpoint does not say what its decoder reads, and its first decoder layer does not take latentDim inputs');
    }
    inputs = { latentSize, conditionSize: width - latentSize };
  }
  return describeDecoder('decoder', shape, inputs, (name) => checkpoint.tensors.get(name));
}
