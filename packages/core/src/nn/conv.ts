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
          const dxp = tf.conv2dTranspose(dy4, fs, xs.shape as [number, number, number, number], stride, 'valid');
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
  const [batch, h, w] = x.shape;
  const k = filter.shape[0];
  const co = filter.shape[2];
  const outH = h * stride, outW = w * stride;
  const padH = samePadding(outH, k, stride);
  const padW = samePadding(outW, k, stride);
  const fullH = (h - 1) * stride + k, fullW = (w - 1) * stride + k;
  const op = tf.customGrad((xIn, f, b, save) => {
    (save as tf.GradSaveFunc)([xIn as tf.Tensor, f as tf.Tensor]);
    const full = tf.conv2dTranspose(xIn as tf.Tensor4D, f as tf.Tensor4D, [batch, fullH, fullW, co], stride, 'valid');
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
