import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';

/** The functions kernels.wasm exports (packages/core/csrc/kernels.c); pointers are byte offsets. */
export interface KernelExports {
  gemm(a: number, b: number, c: number, m: number, n: number, k: number, transposeA: number, transposeB: number, bias: number, relu: number, scratch: number): void;
  relu_backward(dy: number, y: number, dx: number, n: number): void;
  sum_squares(x: number, n: number): number;
  adam(param: number, grad: number, m: number, v: number, paramOut: number, mOut: number, vOut: number, n: number,
    negLr: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number,
    oneMinusAccBeta1: number, oneMinusAccBeta2: number, eps: number, scaleGrad: number, gradScale: number): void;
}

/** The parts of tfjs-backend-wasm's BackendWasm the kernels use (it exports no such type). */
export interface WasmBackend {
  wasm: {
    asm?: { memory?: WebAssembly.Memory };
    wasmMemory?: WebAssembly.Memory;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
  };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

/** Our module, instantiated on one backend's memory, with a scratch buffer malloc'ed from it. */
export interface BackendKernels {
  readonly exports: KernelExports;
  readonly backend: WasmBackend;
  /** A backend-malloc'ed region of at least `bytes`, reused between calls. */
  scratch(bytes: number): number;
}

// Resolved from this file, so it works from src (tsx, vitest) and from dist alike.
const BINARY_URL = new URL('../../wasm/kernels.wasm', import.meta.url);
let compiled: WebAssembly.Module | null | undefined;
const perBackend = new WeakMap<object, BackendKernels | null>();

function compile(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(readFileSync(BINARY_URL));
    } catch (error) {
      compiled = null;
      process.emitWarning(`vaelab: ${BINARY_URL.pathname} could not be loaded (${(error as Error).message.split('\n')[0]}); the wasm backend keeps its stock kernels`);
    }
  }
  return compiled;
}

function instantiate(backend: WasmBackend): BackendKernels | null {
  const memory = backend.wasm.asm?.memory ?? backend.wasm.wasmMemory;
  const module = compile();
  // A shared (threaded) memory would need a module declared shared; the stock paths serve it.
  if (!module || !(memory instanceof WebAssembly.Memory) || memory.buffer instanceof SharedArrayBuffer) return null;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  let scratchPointer = 0;
  let scratchBytes = 0;
  return {
    exports: instance.exports as unknown as KernelExports,
    backend,
    scratch(bytes) {
      if (bytes > scratchBytes) {
        if (scratchPointer) backend.wasm._free(scratchPointer);
        // Grow geometrically so that a few sizes in turn do not free and malloc every call.
        scratchBytes = Math.max(bytes, scratchBytes * 2);
        scratchPointer = backend.wasm._malloc(scratchBytes) >>> 0;
      }
      return scratchPointer;
    },
  };
}

/**
 * vaelab's kernels for the active backend when it is tfjs's WebAssembly backend (undefined on
 * any other backend, or when the binary cannot load). The module imports the backend's own
 * memory: tensors are read and written where the backend keeps them, and a memory growth
 * (by either side) is seen by both since they hold the same WebAssembly.Memory.
 */
export function backendKernels(): BackendKernels | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as unknown as WasmBackend;
  let kernels = perBackend.get(backend);
  if (kernels === undefined) {
    kernels = instantiate(backend);
    perBackend.set(backend, kernels);
  }
  return kernels ?? undefined;
}

/** Byte offset of a tensor's data in the wasm backend's memory. */
export function memoryOffset(backend: WasmBackend, tensor: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(tensor.dataId);
  if (!data) throw new Error('vaelab kernels: a tensor has no data on the wasm backend (disposed?)');
  return data.memoryOffset;
}
