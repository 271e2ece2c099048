import type { DecoderDescription } from './decoder-description.ts';

/**
 * A plain-JavaScript interpreter of a {@link DecoderDescription}: the source text below is what
 * a browser page inlines (the report's latent explorer runs it, with no TensorFlow.js), and
 * {@link evaluateDecoder} runs the very same text in Node, so the tests check the bytes the
 * page ships. ES5 with no dependencies; it defines two globals:
 *
 * - `vaelabDecode(description, input)`: pixel means of one image for one input vector (latent
 *   code, then condition), a Float32Array of height x width x channels (row-major, channels
 *   last). Dense layers compute x W + b; a transposed convolution with "same" padding computes
 *   TensorFlow's conv2d_transpose (filter `[k, k, out, in]`, out[i s + a, j s + b] += x[i, j] W[a, b])
 *   on the full `(n - 1) s + k` grid and crops it to `n s` with TensorFlow's "same" offsets.
 *   Sums run in float64 and are stored as float32, as float32 TensorFlow kernels accumulate
 *   less exactly; agreement with core's decoder is to about 1e-5 on pixel means.
 * - `vaelabGenerate(description, input)`: a hierarchical model's deterministic top-down
 *   decode: from z_L (then the condition, if any) through the means of the conditional priors
 *   p(z_{l-1} | z_l) (the first `size` outputs of each prior network) down to z1, then
 *   `vaelabDecode`. For a description without `topDown` it is `vaelabDecode`.
 * - `vaelabFloats(base64, encoding)`: weights from base64 of little-endian `float32` or
 *   `float16` (IEEE 754 half precision: 11 significant bits, relative error at most 2^-11).
 */
export const DECODER_EVALUATOR_SOURCE = String.raw`
function vaelabActivate(v, a) {
  switch (a) {
    case 'relu': return v > 0 ? v : 0;
    case 'tanh': return Math.tanh(v);
    case 'elu': return v > 0 ? v : Math.exp(v) - 1;
    case 'sigmoid': return 1 / (1 + Math.exp(-v));
    case 'leakyRelu': return v > 0 ? v : 0.2 * v;
    default: return v;
  }
}
function vaelabSamePadding(size, k, s) {
  var out = Math.ceil(size / s);
  return Math.floor(Math.max((out - 1) * s + k - size, 0) / 2);
}
function vaelabRun(layers, x) {
  var shape = [x.length];
  for (var l = 0; l < layers.length; l++) {
    var layer = layers[l], y, i, j, c;
    if (layer.op === 'dense') {
      y = new Float32Array(layer.units);
      for (j = 0; j < layer.units; j++) {
        var sum = layer.bias[j];
        for (i = 0; i < layer.inputs; i++) sum += x[i] * layer.kernel[i * layer.units + j];
        y[j] = vaelabActivate(sum, layer.activation);
      }
      shape = [layer.units];
    } else if (layer.op === 'reshape') {
      y = x; shape = layer.shape.slice();
    } else {
      var h = shape[0], w = shape[1], ci = layer.inChannels, co = layer.outChannels, k = layer.kernel, s = layer.stride;
      var fullH = (h - 1) * s + k, fullW = (w - 1) * s + k, outH = h * s, outW = w * s;
      var top = vaelabSamePadding(outH, k, s), left = vaelabSamePadding(outW, k, s);
      var full = new Float64Array(fullH * fullW * co), f = layer.filter;
      for (var r = 0; r < h; r++) for (var q = 0; q < w; q++) for (c = 0; c < ci; c++) {
        var v = x[(r * w + q) * ci + c];
        if (v === 0) continue;
        for (var a = 0; a < k; a++) for (var b = 0; b < k; b++) {
          var base = ((r * s + a) * fullW + q * s + b) * co, fb = (a * k + b) * co * ci + c;
          for (var o = 0; o < co; o++) full[base + o] += v * f[fb + o * ci];
        }
      }
      y = new Float32Array(outH * outW * co);
      for (i = 0; i < outH; i++) for (j = 0; j < outW; j++) for (c = 0; c < co; c++) {
        y[(i * outW + j) * co + c] = vaelabActivate(full[((i + top) * fullW + j + left) * co + c] + layer.bias[c], layer.activation);
      }
      shape = [outH, outW, co];
    }
    x = y;
  }
  return x;
}
function vaelabDecode(d, input) {
  var x = Float32Array.from(input), i;
  if (x.length !== d.latentSize + d.conditionSize) throw new Error('decoder reads ' + (d.latentSize + d.conditionSize) + ' values, got ' + x.length);
  x = vaelabRun(d.layers, x);
  if (d.output === 'sigmoid') for (i = 0; i < x.length; i++) x[i] = 1 / (1 + Math.exp(-x[i]));
  return x;
}
function vaelabGenerate(d, input) {
  if (!d.topDown) return vaelabDecode(d, input);
  var top = d.topDown.latentSize;
  if (input.length !== top + d.conditionSize) throw new Error('generative path reads ' + (top + d.conditionSize) + ' values, got ' + input.length);
  var z = Float32Array.from(Array.prototype.slice.call(input, 0, top));
  for (var p = 0; p < d.topDown.priors.length; p++) {
    var prior = d.topDown.priors[p];
    z = vaelabRun(prior.layers, z).slice(0, prior.size);
  }
  var bottom = Array.prototype.slice.call(z);
  for (var k = top; k < input.length; k++) bottom.push(input[k]);
  return vaelabDecode(d, bottom);
}
function vaelabFloats(b64, encoding) {
  var bin = atob(b64), n = bin.length, bytes = new Uint8Array(n);
  for (var i = 0; i < n; i++) bytes[i] = bin.charCodeAt(i);
  if (encoding !== 'float16') return new Float32Array(bytes.buffer);
  var out = new Float32Array(n / 2);
  for (var j = 0; j < out.length; j++) {
    var bits = bytes[2 * j] | (bytes[2 * j + 1] << 8), sign = bits & 0x8000 ? -1 : 1, e = (bits >> 10) & 0x1f, m = bits & 0x3ff;
    out[j] = e === 0 ? sign * m * Math.pow(2, -24) : e === 31 ? (m ? NaN : sign * Infinity) : sign * (1 + m / 1024) * Math.pow(2, e - 15);
  }
  return out;
}
`;

interface Evaluator {
  vaelabDecode(description: DecoderDescription, input: ArrayLike<number>): Float32Array;
  vaelabGenerate(description: DecoderDescription, input: ArrayLike<number>): Float32Array;
  vaelabFloats(base64: string, encoding: 'float32' | 'float16'): Float32Array;
}

let evaluator: Evaluator | undefined;
function load(): Evaluator {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the page's own source text, run as the page runs it
  evaluator ??= new Function('atob', `${DECODER_EVALUATOR_SOURCE}\nreturn { vaelabDecode: vaelabDecode, vaelabGenerate: vaelabGenerate, vaelabFloats: vaelabFloats };`)(
    (b64: string) => Buffer.from(b64, 'base64').toString('latin1'),
  ) as Evaluator;
  return evaluator;
}

/** Pixel means of one image for `input` (latent code, then condition), by the page's evaluator. */
export function evaluateDecoder(description: DecoderDescription, input: ArrayLike<number>): Float32Array {
  return load().vaelabDecode(description, input);
}

/**
 * Pixel means of one image from the top of the generative path, by the page's evaluator: for a
 * hierarchical description, `input` is z_L (then any condition) and each lower layer is the
 * mean of p(z_{l-1} | z_l); otherwise the same as {@link evaluateDecoder}.
 */
export function evaluateGenerator(description: DecoderDescription, input: ArrayLike<number>): Float32Array {
  return load().vaelabGenerate(description, input);
}

/** Weights from base64 of little-endian float32 or float16, by the page's decoder of them. */
export function decodeWeights(base64: string, encoding: 'float32' | 'float16'): Float32Array {
  return load().vaelabFloats(base64, encoding);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 half-precision bits of `value`, rounded to nearest even (overflow to infinity, underflow to subnormals or zero). */
export function toFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  let e = exponent - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mantissa & ((1 << shift) - 1);
    let m = mantissa >>> shift;
    if (rest > half || (rest === half && (m & 1))) m++;
    return sign | m;
  }
  let m = mantissa >>> 13;
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (m & 1))) {
    m++;
    if (m === 0x400) { m = 0; e++; if (e >= 31) return sign | 0x7c00; }
  }
  return sign | (e << 10) | m;
}

/**
 * Weights as base64 of little-endian `float32` (exact) or `float16` (half the bytes; each value
 * within a relative 2^-11 of the original, values below 6e-8 in magnitude become 0), the format
 * {@link decodeWeights} and the page's `vaelabFloats` read.
 */
export function encodeWeights(values: Float32Array, encoding: 'float32' | 'float16'): string {
  if (encoding === 'float32') {
    const copy = Float32Array.from(values);
    return Buffer.from(copy.buffer).toString('base64');
  }
  const bytes = Buffer.alloc(values.length * 2);
  for (let i = 0; i < values.length; i++) bytes.writeUInt16LE(toFloat16Bits(values[i]), 2 * i);
  return bytes.toString('base64');
}
