import * as tf from '@tensorflow/tfjs-core';
import { backendKernels, memoryOffset } from './loader.ts';
import type { BackendKernels, WasmBackend } from './loader.ts';

/** The kernel name of one fused Adam update of one variable. */
export const VAELAB_ADAM = 'VaelabAdam';

/** Attributes of {@link VAELAB_ADAM}: the step's constants, each rounded to float32 by the kernel's caller as tfjs rounds them. */
interface AdamAttrs {
  negLr: number;
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  epsilon: number;
  /** Whether the gradient is multiplied by gradScale first (clipping is configured). */
  scaleGrad: boolean;
  gradScale: number;
}

function adamKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo[] {
  const { param, grad, m, v } = inputs as Record<'param' | 'grad' | 'm' | 'v', tf.TensorInfo>;
  const a = attrs as unknown as AdamAttrs;
  const wasm = backend as WasmBackend;
  const kernels = backendKernels();
  if (!kernels || kernels.backend !== wasm) throw new Error(`${VAELAB_ADAM}: vaelab's wasm kernels are not loaded on this backend`);
  const size = tf.util.sizeFromShape(param.shape);
  for (const t of [grad, m, v]) {
    if (tf.util.sizeFromShape(t.shape) !== size || t.dtype !== 'float32') throw new Error(`${VAELAB_ADAM}: every input must be float32 of ${size} values like the variable [${param.shape}]`);
  }
  // New tensors, never an in-place update: XNNPACK caches packed conv filters by tensor, and a
  // filter rewritten in place would leave that cache stale.
  const [paramOut, mOut, vOut] = [0, 1, 2].map(() => wasm.makeOutput([...param.shape], 'float32'));
  kernels.exports.adam(
    memoryOffset(wasm, param), memoryOffset(wasm, grad), memoryOffset(wasm, m), memoryOffset(wasm, v),
    memoryOffset(wasm, paramOut), memoryOffset(wasm, mOut), memoryOffset(wasm, vOut), size,
    a.negLr, a.beta1, a.oneMinusBeta1, a.beta2, a.oneMinusBeta2, a.oneMinusAccBeta1, a.oneMinusAccBeta2, a.epsilon,
    a.scaleGrad ? 1 : 0, a.gradScale,
  );
  return [paramOut, mOut, vOut];
}

let registered = false;

/**
 * Adam (Kingma & Ba 2015) with tf.train.adam's exact float32 arithmetic (kernels.c, `adam`),
 * one kernel call per variable instead of about fourteen, plus the global gradient norm and
 * norm clipping of {@link clipScale} computed in the same pass. Only for the wasm backend.
 */
export class WasmAdam {
  private readonly moments = new Map<string, { m: tf.Tensor; v: tf.Tensor }>();
  private accBeta1: number;
  private accBeta2: number;

  constructor(private readonly kernels: BackendKernels, private readonly learningRate: number, private readonly beta1 = 0.9, private readonly beta2 = 0.999, private readonly epsilon = 1e-8) {
    if (!registered) {
      registered = true;
      tf.registerKernel({ kernelName: VAELAB_ADAM, backendName: 'wasm', kernelFunc: adamKernel as unknown as tf.KernelFunc });
    }
    // tf.train.adam keeps beta^t as float32 scalars, multiplied in float32 each step.
    this.accBeta1 = Math.fround(beta1);
    this.accBeta2 = Math.fround(beta2);
  }

  /** sqrt(sum of squares) over every gradient, accumulated in double by the wasm module. */
  globalNorm(grads: tf.NamedTensorMap): number {
    let total = 0;
    for (const g of Object.values(grads)) total += this.kernels.exports.sum_squares(memoryOffset(this.kernels.backend, g), g.size);
    return Math.sqrt(total);
  }

  /**
   * Updates every variable of `grads` (keyed by variable name) from its gradient times
   * `gradScale`, or from the gradient as is when `gradScale` is null.
   */
  applyGradients(grads: tf.NamedTensorMap, gradScale: number | null): void {
    const f = Math.fround;
    const attrs: AdamAttrs = {
      negLr: f(-this.learningRate), beta1: f(this.beta1), oneMinusBeta1: f(1 - this.beta1), beta2: f(this.beta2), oneMinusBeta2: f(1 - this.beta2),
      oneMinusAccBeta1: f(1 - this.accBeta1), oneMinusAccBeta2: f(1 - this.accBeta2), epsilon: f(this.epsilon),
      scaleGrad: gradScale !== null, gradScale: gradScale ?? 1,
    };
    for (const [name, grad] of Object.entries(grads)) {
      const variable = tf.engine().registeredVariables[name];
      if (!variable) throw new Error(`${VAELAB_ADAM}: no variable named '${name}'`);
      let state = this.moments.get(name);
      if (!state) {
        state = { m: tf.keep(tf.zerosLike(variable)), v: tf.keep(tf.zerosLike(variable)) };
        this.moments.set(name, state);
      }
      const [paramOut, mOut, vOut] = tf.engine().runKernel(VAELAB_ADAM, { param: variable, grad, m: state.m, v: state.v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      variable.assign(paramOut);
      paramOut.dispose();
      tf.dispose([state.m, state.v]);
      state.m = tf.keep(mOut);
      state.v = tf.keep(vOut);
    }
    this.accBeta1 = f(this.accBeta1 * f(this.beta1));
    this.accBeta2 = f(this.accBeta2 * f(this.beta2));
  }

  dispose(): void {
    for (const { m, v } of this.moments.values()) tf.dispose([m, v]);
    this.moments.clear();
  }
}

/** fitModel's clipping factor min(1, clipNorm / (norm + 1e-12)), in float32 as tfjs computes it. */
export function clipScale(norm: number, clipNorm: number): number {
  const f = Math.fround;
  return Math.min(1, f(f(clipNorm) / f(f(norm) + f(1e-12))));
}
