import * as tf from '@tensorflow/tfjs-core';
import { dense } from './dense.ts';
import { conv2dLayer, conv2dTransposeLayer } from './conv.ts';
import type { Activation, Module } from './module.ts';
import { convGrid, decoderLayout, denseSteps } from './decoder-layout.ts';
import type { DecoderStep, NetworkShape } from './decoder-layout.ts';
import type { Rng } from '../rng.ts';

export type { NetworkShape } from './decoder-layout.ts';

/** A network over flat rows, optionally fed an extra vector per row (a condition). */
export interface Network {
  readonly variables: ReadonlyMap<string, tf.Variable>;
  apply(x: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D;
}

function merge(modules: Module[]): Map<string, tf.Variable> {
  const variables = new Map<string, tf.Variable>();
  for (const m of modules) for (const [k, v] of m.variables) variables.set(k, v);
  return variables;
}

function withExtra(x: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
  return extra ? tf.concat([x, extra], 1) : x;
}

/**
 * A multilayer perceptron `inputs -> hidden... -> outputs` (the layers of `denseSteps`), hidden
 * layers with `activation`, the last layer linear. `dataInput` marks a network fed by data, whose first layer then skips
 * the input gradient nobody needs.
 */
export function mlp(prefix: string, inputs: number, hidden: readonly number[], outputs: number, activation: Activation, rng: Rng, dataInput = false): Module {
  const layers = denseSteps(prefix, inputs, hidden, outputs, activation).map((step, i) => dense(step.name, step.inputs, step.units, rng, {
    activation: step.activation,
    needsInputGradient: !(dataInput && i === 0),
  }));
  return { variables: merge(layers), apply: (x) => layers.reduce((h, l) => l.apply(h), x) };
}

/** disentanglement_lib's conv_encoder: conv 32-32-64-64, kernels 4-4-2-2, stride 2, dense 256. */
const ENCODER_CONVS = [
  { filters: 32, kernel: 4 },
  { filters: 32, kernel: 4 },
  { filters: 64, kernel: 2 },
  { filters: 64, kernel: 2 },
] as const;

/**
 * Encoder from flat images (plus an optional extra vector, concatenated before the dense
 * layers) to `outputs` values, typically [mu, logvar] of 2 x latent.
 */
export function buildEncoder(prefix: string, shape: NetworkShape, extraInputs: number, outputs: number, rng: Rng): Network {
  const [h, w, c] = shape.inputShape;
  if (shape.architecture.kind === 'mlp') {
    const net = mlp(prefix, h * w * c + extraInputs, shape.architecture.hidden, outputs, shape.activation, rng, extraInputs === 0);
    return { variables: net.variables, apply: (x, extra) => net.apply(withExtra(x, extra)) as tf.Tensor2D };
  }
  const [gh, gw] = convGrid(shape.inputShape);
  let channels = c;
  const convs = ENCODER_CONVS.map((spec, i) => {
    const layer = conv2dLayer(`${prefix}/conv${i}`, channels, spec.filters, spec.kernel, 2, rng, { activation: shape.activation, needsInputGradient: i > 0 });
    channels = spec.filters;
    return layer;
  });
  const flat = gh * gw * channels;
  const head = mlp(`${prefix}/head`, flat + extraInputs, [256], outputs, shape.activation, rng);
  return {
    variables: merge([...convs, head]),
    apply: (x, extra) => {
      const features = convs.reduce<tf.Tensor>((t, layer) => layer.apply(t), tf.reshape(x, [-1, h, w, c]));
      return head.apply(withExtra(tf.reshape(features, [-1, flat]) as tf.Tensor2D, extra)) as tf.Tensor2D;
    },
  };
}

/** The layer of one decoder step; a reshape keeps the batch dimension first. */
function decoderModule(step: DecoderStep, rng: Rng): Module {
  switch (step.op) {
    case 'dense':
      return dense(step.name, step.inputs, step.units, rng, { activation: step.activation });
    case 'reshape':
      return { variables: new Map(), apply: (x) => tf.reshape(x, [-1, ...step.shape]) };
    case 'conv-transpose':
      return conv2dTransposeLayer(step.name, step.inChannels, step.outChannels, step.kernel, step.stride, rng, { activation: step.activation });
  }
}

/**
 * Decoder from latent codes (plus an optional extra vector) to flat images (logits or means):
 * the layers of {@link decoderLayout}, created in its order (which fixes the initial weights
 * drawn from `rng`) and applied in sequence.
 */
export function buildDecoder(prefix: string, shape: NetworkShape, latentInputs: number, rng: Rng): Network {
  const layers = decoderLayout(prefix, shape, latentInputs).map((step) => decoderModule(step, rng));
  return {
    variables: merge(layers),
    apply: (z, extra) => layers.reduce<tf.Tensor>((h, layer) => layer.apply(h), withExtra(z, extra)) as tf.Tensor2D,
  };
}
