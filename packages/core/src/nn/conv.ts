import * as tf from '@tensorflow/tfjs-core';
import { activate, addVariable, glorotUniform } from './module.ts';
import type { Activation, Module } from './module.ts';
import type { Rng } from '../rng.ts';

/**
 * Convolutions with hand-written backward passes built only from kernels every backend has.
 * The WebAssembly backend has no Conv2DBackpropFilter kernel, so stock gradients of conv2d
 * cannot train there at all; here the filter gradient is itself a forward conv2d (batch and
 * channels swapped, the output gradient used as a dilated filter). Padding is explicit
 * ("same" as TensorFlow computes it) so that every conv inside is a "valid" one.
 */

/** Padding [before, after] of TensorFlow's "same" along one axis. */
export function samePadding(inSize: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(inSize / stride);
  const total = Math.max((out - 1) * stride + kernel - inSize, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * dW[kh, kw, ci, co] = sum_{b,i,j} xp[b, i*s + kh, j*s + kw, ci] * dy[b, i, j, co], computed as
 * conv2d(xp^T, dy^T) with dilation s: xp as [ci, H, W, b], dy as a [oh, ow, b, co] filter.
 */
export function filterGradient(xp: tf.Tensor4D, dy: tf.Tensor4D, kernel: number, stride: number): tf.Tensor4D {
  return tf.tidy(() => {
    const xT = tf.transpose(xp, [3, 1, 2, 0]);
    const dyT = tf.transpose(dy, [1, 2, 0, 3]);
    const full = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', stride);
    const cropped = tf.slice(full, [0, 0, 0, 0], [-1, kernel, kernel, -1]);
    return tf.transpose(cropped, [1, 2, 0, 3]);
  });
}

/**
 * Index map turning a transposed-conv filter [k, k, co, ci] into the filter of one stride-1
 * conv [t, t, ci, s*s*co] (t = ceil(k/s)) whose output channels are the s*s output phases:
 * phase (rh, rw), tap (a, b) reads W[rh + s(t-1-a), rw + s(t-1-b), c, ci]; taps beyond the
 * kernel read a zero appended after the filter's values.
 */
const phaseIndexCache = new Map<string, tf.Tensor1D>();
function phaseFilterIndices(k: number, s: number, co: number, ci: number): tf.Tensor1D {
  const key = `${k}/${s}/${co}/${ci}`;
  let cached = phaseIndexCache.get(key);
  if (!cached) {
    const t = Math.ceil(k / s);
    const zero = k * k * co * ci;
    const out = new Int32Array(t * t * ci * s * s * co);
    let n = 0;
    for (let a = 0; a < t; a++) for (let b = 0; b < t; b++) for (let i = 0; i < ci; i++) {
      for (let rh = 0; rh < s; rh++) for (let rw = 0; rw < s; rw++) for (let c = 0; c < co; c++) {
        const kh = rh + s * (t - 1 - a);
        const kw = rw + s * (t - 1 - b);
        out[n++] = kh < k && kw < k ? ((kh * k + kw) * co + c) * ci + i : zero;
      }
    }
    cached = tf.keep(tf.tensor1d(out, 'int32'));
    phaseIndexCache.set(key, cached);
  }
  return cached;
}

/**
 * The "valid" transposed convolution, output [(h-1)s + k, (w-1)s + k], computed as one forward
 * conv over the input (sub-pixel decomposition: each of the s*s output phases is a stride-1
 * conv with a t x t slice of the filter) followed by depthToSpace. The WebAssembly backend
 * runs conv2dTranspose (Conv2DBackpropInput) in a scalar loop and conv2d in XNNPACK, about ten
 * times faster (BENCHMARKS.md). No gradient: callers supply their own.
 */
export function transposedConvFull(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number): tf.Tensor4D {
  return tf.tidy((): tf.Tensor4D => {
    const [, h, w] = x.shape;
    const [k, , co, ci] = filter.shape;
    const t = Math.ceil(k / stride);
    const flat = tf.concat([tf.reshape(filter, [-1]), tf.zeros([1])]);
    const phases = tf.reshape(tf.gather(flat, phaseFilterIndices(k, stride, co, ci)), [t, t, ci, stride * stride * co]) as tf.Tensor4D;
    const padded = t > 1 ? tf.pad(x, [[0, 0], [t - 1, t - 1], [t - 1, t - 1], [0, 0]]) : x;
    const convolved = tf.conv2d(padded, phases, 1, 'valid');
    const [b, oh, ow] = convolved.shape;
    // depthToSpace by reshape and transpose: the wasm DepthToSpace kernel is a slow scalar loop.
    const interleaved = stride > 1
      ? tf.reshape(tf.transpose(tf.reshape(convolved, [b, oh, ow, stride, stride, co]), [0, 1, 3, 2, 4, 5]), [b, oh * stride, ow * stride, co])
      : convolved;
    const fullH = (h - 1) * stride + k;
    const fullW = (w - 1) * stride + k;
    // Slices are slow on wasm even when they copy everything: skip the one that would.
    return interleaved.shape[1] === fullH && interleaved.shape[2] === fullW
      ? (interleaved as tf.Tensor4D)
      : (tf.slice(interleaved, [0, 0, 0, 0], [-1, fullH, fullW, -1]) as tf.Tensor4D);
  });
}

/** Stride-s convolution with "same" padding; filter [k, k, ci, co]; custom gradients (see file note). */
export function conv2dSame(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, stride: number, needsInputGradient = true): tf.Tensor4D {
  const [, h, w] = x.shape;
  const k = filter.shape[0];
  const padH = samePadding(h, k, stride);
  const padW = samePadding(w, k, stride);
  const op = tf.customGrad((xIn, f, b, save) => {
    const xp = tf.pad(xIn as tf.Tensor4D, [[0, 0], padH, padW, [0, 0]]);
    (save as tf.GradSaveFunc)([xp, f as tf.Tensor]);
    return {
      value: tf.add(tf.conv2d(xp, f as tf.Tensor4D, stride, 'valid'), b as tf.Tensor1D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, fs] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dy4 = dy as tf.Tensor4D;
        let dx: tf.Tensor;
        if (needsInputGradient) {
          // The input gradient is a transposed conv. Its full output can fall short of the padded
          // input by rows the strided conv never read; those get a zero gradient.
          let dxp = transposedConvFull(dy4, fs, stride);
          const [hp, wp] = [xs.shape[1], xs.shape[2]];
          if (dxp.shape[1] < hp || dxp.shape[2] < wp) dxp = tf.pad(dxp, [[0, 0], [0, hp - dxp.shape[1]], [0, wp - dxp.shape[2]], [0, 0]]);
          dx = tf.slice(dxp, [0, padH[0], padW[0], 0], [-1, h, w, -1]);
        } else {
          dx = tf.zeros(x.shape);
        }
        return [dx, filterGradient(xs, dy4, k, stride), tf.sum(dy4, [0, 1, 2])];
      },
    };
  });
  return op(x, filter, bias) as tf.Tensor4D;
}

/**
 * Transposed convolution, output size in * stride ("same"), filter [k, k, co, ci] as TensorFlow
 * stores it. Forward is a valid transposed conv followed by a crop; the backward pass is a
 * forward conv (input gradient) and {@link filterGradient} with the roles of input and output
 * swapped.
 */
export function conv2dTransposeSame(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, stride: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const k = filter.shape[0];
  const outH = h * stride, outW = w * stride;
  const padH = samePadding(outH, k, stride);
  const padW = samePadding(outW, k, stride);
  const fullH = (h - 1) * stride + k, fullW = (w - 1) * stride + k;
  const op = tf.customGrad((xIn, f, b, save) => {
    (save as tf.GradSaveFunc)([xIn as tf.Tensor, f as tf.Tensor]);
    const full = transposedConvFull(xIn as tf.Tensor4D, f as tf.Tensor4D, stride);
    const y = tf.slice(full, [0, padH[0], padW[0], 0], [-1, outH, outW, -1]);
    return {
      value: tf.add(y, b as tf.Tensor1D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, fs] = saved as [tf.Tensor4D, tf.Tensor4D];
        // Undo the crop: the cropped-away border received no gradient.
        const dyFull = tf.pad(dy as tf.Tensor4D, [[0, 0], [padH[0], fullH - outH - padH[0]], [padW[0], fullW - outW - padW[0]], [0, 0]]);
        const dx = tf.conv2d(dyFull, fs, stride, 'valid');
        // dW[kh, kw, co, ci] = sum dyFull[b, i*s + kh, j*s + kw, co] * x[b, i, j, ci]
        const df = filterGradient(dyFull, xs, k, stride);
        return [dx, df, tf.sum(dy as tf.Tensor4D, [0, 1, 2])];
      },
    };
  });
  return op(x, filter, bias) as tf.Tensor4D;
}

/** Options of the conv layers. */
export interface ConvOptions {
  /** @default 'relu' */
  activation?: Activation;
  /** @default true */
  needsInputGradient?: boolean;
}

/** A "same"-padded convolution layer: filters [k, k, inChannels, outChannels]. */
export function conv2dLayer(name: string, inChannels: number, outChannels: number, kernel: number, stride: number, rng: Rng, options: ConvOptions = {}): Module {
  const variables = new Map<string, tf.Variable>();
  const fan = kernel * kernel;
  const f = addVariable(variables, name, 'kernel', glorotUniform([kernel, kernel, inChannels, outChannels], fan * inChannels, fan * outChannels, rng));
  const b = addVariable(variables, name, 'bias', tf.zeros([outChannels]));
  const activation = options.activation ?? 'relu';
  return {
    variables,
    apply: (x) => activate(conv2dSame(x as tf.Tensor4D, f as tf.Tensor4D, b as tf.Tensor1D, stride, options.needsInputGradient ?? true), activation),
  };
}

/** A transposed convolution layer doubling (stride 2) the spatial size: filters [k, k, outChannels, inChannels]. */
export function conv2dTransposeLayer(name: string, inChannels: number, outChannels: number, kernel: number, stride: number, rng: Rng, options: ConvOptions = {}): Module {
  const variables = new Map<string, tf.Variable>();
  const fan = kernel * kernel;
  const f = addVariable(variables, name, 'kernel', glorotUniform([kernel, kernel, outChannels, inChannels], fan * inChannels, fan * outChannels, rng));
  const b = addVariable(variables, name, 'bias', tf.zeros([outChannels]));
  const activation = options.activation ?? 'relu';
  return {
    variables,
    apply: (x) => activate(conv2dTransposeSame(x as tf.Tensor4D, f as tf.Tensor4D, b as tf.Tensor1D, stride), activation),
  };
}
