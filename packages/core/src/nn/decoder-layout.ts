import type { Activation } from './module.ts';
import type { Architecture } from '../config.ts';

/**
 * The decoder's structure as plain data, with no TensorFlow.js in sight: `buildDecoder` creates
 * its layers by walking this list, and {@link describeDecoder} pairs the same list with saved
 * weights for code that runs a decoder without the trainer (the report's latent explorer). A
 * change to the decoder is a change to this list, so the two cannot drift apart.
 */

/** What the builders need to know about the data and the model. */
export interface NetworkShape {
  architecture: Architecture;
  activation: Activation;
  inputShape: readonly [number, number, number];
}

/** One step of a decoder, in order. Rows are flat (`[batch, n]`) until a `reshape` makes them images (NHWC). */
export type DecoderStep =
  /** y = act(x W + b), W `[inputs, units]` saved as `<name>/kernel`, b as `<name>/bias`. */
  | { op: 'dense'; name: string; inputs: number; units: number; activation: Activation }
  /** Rows reshaped to `shape` per example (row-major, channels last). */
  | { op: 'reshape'; shape: number[] }
  /**
   * Transposed convolution with TensorFlow's "same" padding: output sides are `stride` times the
   * input's; filter `[kernel, kernel, outChannels, inChannels]` as TensorFlow stores it.
   */
  | { op: 'conv-transpose'; name: string; inChannels: number; outChannels: number; kernel: number; stride: number; padding: 'same'; activation: Activation };

/** A fully connected step of a layout. */
export type DenseStep = Extract<DecoderStep, { op: 'dense' }>;

/** disentanglement_lib's deconv_decoder: dense 256 then to a 64-channel grid of 1/16 the image side. */
const DECODER_STEM = { hidden: 256, channels: 64 } as const;
/** disentanglement_lib's deconv_decoder: transposed convs 64-32-32-channels, kernel 4, stride 2. */
const DECODER_DECONVS = [64, 32, 32] as const;
const DECONV_KERNEL = 4;
const DECONV_STRIDE = 2;

/** The grid the conv networks reduce an image to (four stride-2 stages: 1/16 of each side). */
export function convGrid(shape: readonly [number, number, number]): [number, number] {
  const [h, w] = shape;
  if (h % 16 !== 0 || w % 16 !== 0) throw new Error(`conv architecture needs image sides that are multiples of 16, got ${h}x${w}`);
  return [h / 16, w / 16];
}

/** Dense layers `inputs -> hidden... -> outputs` named `<prefix>/dense<i>`: hidden ones with `activation`, the last with `last`. */
export function denseSteps(prefix: string, inputs: number, hidden: readonly number[], outputs: number, activation: Activation, last: Activation = 'linear'): DenseStep[] {
  const sizes = [inputs, ...hidden, outputs];
  return sizes.slice(1).map((units, i): DenseStep => ({
    op: 'dense', name: `${prefix}/dense${i}`, inputs: sizes[i], units, activation: i + 2 === sizes.length ? last : activation,
  }));
}

/**
 * The decoder from `latentInputs` values (latent code, then any condition) to flat images of
 * `shape.inputShape` (logits or means): the MLP mirrors the encoder's hidden sizes with a linear
 * output; the conv decoder is disentanglement_lib's deconv_decoder (dense 256, dense to a
 * 64-channel grid, both with the activation, then transposed convs, the last linear).
 */
export function decoderLayout(prefix: string, shape: NetworkShape, latentInputs: number): DecoderStep[] {
  const [h, w, c] = shape.inputShape;
  if (shape.architecture.kind === 'mlp') {
    return denseSteps(prefix, latentInputs, [...shape.architecture.hidden].reverse(), h * w * c, shape.activation);
  }
  const [gh, gw] = convGrid(shape.inputShape);
  const steps: DecoderStep[] = denseSteps(`${prefix}/stem`, latentInputs, [DECODER_STEM.hidden], gh * gw * DECODER_STEM.channels, shape.activation, shape.activation);
  steps.push({ op: 'reshape', shape: [gh, gw, DECODER_STEM.channels] });
  let channels: number = DECODER_STEM.channels;
  const outputs = [...DECODER_DECONVS, c];
  outputs.forEach((filters, i) => {
    steps.push({
      op: 'conv-transpose', name: `${prefix}/deconv${i}`, inChannels: channels, outChannels: filters, kernel: DECONV_KERNEL, stride: DECONV_STRIDE,
      padding: 'same', activation: i === outputs.length - 1 ? 'linear' : shape.activation,
    });
    channels = filters;
  });
  steps.push({ op: 'reshape', shape: [h * w * c] });
  return steps;
}
