import * as tf from '@tensorflow/tfjs-core';
import { backendKernels, memoryOffset } from './loader.ts';
import type { WasmBackend } from './loader.ts';

/** The kernel name under which vaelab's GEMM is registered on the wasm backend. */
export const VAELAB_MAT_MUL = 'VaelabMatMul';

/** Epilogues the GEMM fuses. */
export type FusedActivation = 'linear' | 'relu';

/** Attributes of {@link VAELAB_MAT_MUL}. */
export interface MatMulAttrs {
  /** @default false */
  transposeA: boolean;
  /** @default false */
  transposeB: boolean;
  /** @default 'linear' */
  activation: FusedActivation;
}

function matMulKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { a, b, bias } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo };
  const { transposeA, transposeB, activation } = attrs as unknown as MatMulAttrs;
  const wasm = backend as WasmBackend;
  const kernels = backendKernels();
  if (!kernels || kernels.backend !== wasm) throw new Error(`${VAELAB_MAT_MUL}: vaelab's wasm kernels are not loaded on this backend`);
  if (a.shape.length !== 2 || b.shape.length !== 2) throw new Error(`${VAELAB_MAT_MUL}: needs rank-2 operands, got [${a.shape}] and [${b.shape}]`);
  for (const t of [a, b, bias]) if (t && t.dtype !== 'float32') throw new Error(`${VAELAB_MAT_MUL}: needs float32 tensors, got ${t.dtype}`);
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [kB, n] = transposeB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== kB) throw new Error(`${VAELAB_MAT_MUL}: inner sizes differ: [${a.shape}]${transposeA ? '^T' : ''} x [${b.shape}]${transposeB ? '^T' : ''}`);
  if (bias && (bias.shape.length !== 1 || bias.shape[0] !== n)) throw new Error(`${VAELAB_MAT_MUL}: bias must be [${n}], got [${bias.shape}]`);
  const out = wasm.makeOutput([m, n], 'float32');
  const scratch = kernels.scratch(4 * k * (Math.ceil(m / 4) * 4 + Math.ceil(n / 8) * 8));
  kernels.exports.gemm(
    memoryOffset(wasm, a), memoryOffset(wasm, b), memoryOffset(wasm, out), m, n, k,
    transposeA ? 1 : 0, transposeB ? 1 : 0, bias ? memoryOffset(wasm, bias) : 0, activation === 'relu' ? 1 : 0, scratch,
  );
  return out;
}

let registered = false;

/** Registers vaelab's wasm kernels with tfjs once (a no-op after the first call). */
export function registerMatMulKernel(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({ kernelName: VAELAB_MAT_MUL, backendName: 'wasm', kernelFunc: matMulKernel as tf.KernelFunc });
}

/** Options of {@link wasmMatMul}. */
export interface WasmMatMulOptions extends Partial<MatMulAttrs> {
  /** Added to every row before the activation. */
  bias?: tf.Tensor1D;
}

/**
 * op(a) op(b) (+ bias) (ReLU) by vaelab's SIMD GEMM on the wasm backend, transposes read in
 * place. No gradient is registered: callers (the dense layer) write their own backward pass.
 * Only call it when {@link backendKernels} is defined.
 */
export function wasmMatMul(a: tf.Tensor2D, b: tf.Tensor2D, options: WasmMatMulOptions = {}): tf.Tensor2D {
  registerMatMulKernel();
  const attrs: MatMulAttrs = { transposeA: options.transposeA ?? false, transposeB: options.transposeB ?? false, activation: options.activation ?? 'linear' };
  const inputs: tf.NamedTensorMap = options.bias ? { a, b, bias: options.bias } : { a, b };
  return tf.engine().runKernel(VAELAB_MAT_MUL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
