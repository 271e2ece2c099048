import * as tf from '@tensorflow/tfjs-core';
import { backendKernels, memoryOffset } from './loader.ts';
import type { WasmBackend } from './loader.ts';

/** The kernel name of the ReLU gradient taken from the ReLU's output. */
export const VAELAB_RELU_GRAD = 'VaelabReluGrad';

function reluGradKernel({ inputs, backend }: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const { dy, y } = inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
  const wasm = backend as WasmBackend;
  const kernels = backendKernels();
  if (!kernels || kernels.backend !== wasm) throw new Error(`${VAELAB_RELU_GRAD}: vaelab's wasm kernels are not loaded on this backend`);
  const size = tf.util.sizeFromShape(dy.shape);
  if (size !== tf.util.sizeFromShape(y.shape)) throw new Error(`${VAELAB_RELU_GRAD}: dy [${dy.shape}] and y [${y.shape}] differ`);
  const out = wasm.makeOutput([...dy.shape], 'float32');
  kernels.exports.relu_backward(memoryOffset(wasm, dy), memoryOffset(wasm, y), memoryOffset(wasm, out), size);
  return out;
}

let registered = false;

/**
 * dy where y = relu(x) is positive, else 0: the ReLU gradient from the output, in one kernel
 * (the stock gradient is two, Step and Mul). Only call it when {@link backendKernels} is defined.
 */
export function wasmReluGrad<T extends tf.Tensor>(dy: T, y: T): T {
  if (!registered) {
    registered = true;
    tf.registerKernel({ kernelName: VAELAB_RELU_GRAD, backendName: 'wasm', kernelFunc: reluGradKernel as tf.KernelFunc });
  }
  return tf.engine().runKernel(VAELAB_RELU_GRAD, { dy, y }) as T;
}
