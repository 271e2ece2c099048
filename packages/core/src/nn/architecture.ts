import * as tf from '@tensorflow/tfjs-core';
import { dense } from './dense.ts';
import { conv2dLayer, conv2dTransposeLayer } from './conv.ts';
import { activate } from './module.ts';
import type { Activation, Module } from './module.ts';
import type { Architecture } from '../config.ts';
import type { Rng } from '../rng.ts';

/** A network over flat rows, optionally fed an extra vector per row (a condition). */
export interface Network {
  readonly variables: ReadonlyMap<string, tf.Variable>;
  apply(x: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D;
}

/** What the builders need to know about the data and the model. */
export interface NetworkShape {
  architecture: Architecture;
  activation: Activation;
  inputShape: readonly [number, number, number];
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
 * A multilayer perceptron `inputs -> hidden... -> outputs`, hidden layers with `activation`,
 * the last layer linear. `dataInput` marks a network fed by data, whose first layer then skips
 * the input gradient nobody needs.
 */
export function mlp(prefix: string, inputs: number, hidden: readonly number[], outputs: number, activation: Activation, rng: Rng, dataInput = false): Module {
  const sizes = [inputs, ...hidden, outputs];
  const layers: Module[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const last = i + 2 === sizes.length;
    layers.push(dense(`${prefix}/dense${i}`, sizes[i], sizes[i + 1], rng, {
      activation: last ? 'linear' : activation,
      needsInputGradient: !(dataInput && i === 0),
    }));
  }
  return { variables: merge(layers), apply: (x) => layers.reduce((h, l) => l.apply(h), x) };
}

/** disentanglement_lib's conv_encoder: conv 32-32-64-64, kernels 4-4-2-2, stride 2, dense 256. */
const ENCODER_CONVS = [
  { filters: 32, kernel: 4 },
  { filters: 32, kernel: 4 },
  { filters: 64, kernel: 2 },
  { filters: 64, kernel: 2 },
] as const;
/** disentanglement_lib's deconv_decoder: transposed convs 64-32-32-channels, kernel 4, stride 2. */
const DECODER_DECONVS = [64, 32, 32] as const;

function convGrid(shape: readonly [number, number, number]): [number, number] {
  const [h, w] = shape;
  if (h % 16 !== 0 || w % 16 !== 0) throw new Error(`conv architecture needs image sides that are multiples of 16, got ${h}x${w}`);
  return [h / 16, w / 16];
}

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

/** Decoder from latent codes (plus an optional extra vector) to flat images (logits or means). */
export function buildDecoder(prefix: string, shape: NetworkShape, latentInputs: number, rng: Rng): Network {
  const [h, w, c] = shape.inputShape;
  if (shape.architecture.kind === 'mlp') {
    const net = mlp(prefix, latentInputs, [...shape.architecture.hidden].reverse(), h * w * c, shape.activation, rng);
    return { variables: net.variables, apply: (z, extra) => net.apply(withExtra(z, extra)) as tf.Tensor2D };
  }
  const [gh, gw] = convGrid(shape.inputShape);
  const stem = mlp(`${prefix}/stem`, latentInputs, [256], gh * gw * 64, shape.activation, rng);
  let channels = 64;
  const deconvs = [...DECODER_DECONVS, c].map((filters, i, all) => {
    const last = i === all.length - 1;
    const layer = conv2dTransposeLayer(`${prefix}/deconv${i}`, channels, filters, 4, 2, rng, { activation: last ? 'linear' : shape.activation });
    channels = filters;
    return layer;
  });
  return {
    variables: merge([stem, ...deconvs]),
    apply: (z, extra) => {
      const start = tf.reshape(activate(stem.apply(withExtra(z, extra)), shape.activation), [-1, gh, gw, 64]);
      const image = deconvs.reduce<tf.Tensor>((t, layer) => layer.apply(t), start);
      return tf.reshape(image, [-1, h * w * c]) as tf.Tensor2D;
    },
  };
}
