import { decodeCheckpoint } from '@vaelab/core/checkpoint';
import type { Checkpoint } from '@vaelab/core/checkpoint';

/** Nonlinearities the explorer script implements (the builders' set). */
export type ExplorerActivation = 'relu' | 'tanh' | 'elu' | 'sigmoid' | 'linear' | 'leakyRelu';

/** One step of the decoder as the page script runs it. Weights are base64 of little-endian float32. */
export type ExplorerLayer =
  | { op: 'dense'; kernelShape: [number, number]; kernel: string; bias: string; activation: ExplorerActivation }
  | { op: 'reshape'; shape: [number, number, number] }
  /** Transposed conv, stride 2, "same": a valid transposed conv cropped to twice the input size (as core's conv2dTransposeSame). */
  | { op: 'deconv'; kernelShape: [number, number, number, number]; kernel: string; bias: string; stride: number; activation: ExplorerActivation };

/** Everything the explorer page needs to decode latent vectors into images. */
export interface ExplorerModel {
  runId: number;
  variant: string;
  latentDim: number;
  /** Width of the one-hot class vector appended to z (CVAE); 0 when unconditional. */
  conditionSize: number;
  /** Names of the classes (for the selector), `conditionSize` long. */
  classLabels: string[];
  inputShape: [number, number, number];
  /** Maps decoder outputs to pixel means: sigmoid of logits (Bernoulli) or clamping to [0, 1] (Gaussian means). */
  output: 'sigmoid' | 'clamp';
  layers: ExplorerLayer[];
}

/** Why a checkpoint cannot be explored. */
export class ExplorerUnsupportedError extends Error {
  override readonly name = 'ExplorerUnsupportedError';
}

const b64 = (values: Float32Array): string => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');

function tensor(checkpoint: Checkpoint, name: string): { shape: number[]; values: Float32Array } {
  const t = checkpoint.tensors.get(name);
  if (!t) throw new ExplorerUnsupportedError(`checkpoint has no weight '${name}'`);
  return t;
}

/** Whether a checkpoint holds a model with several latent layers (a hierarchical VAE). */
export function isHierarchical(checkpoint: Checkpoint): boolean {
  return checkpoint.variant === 'hvae' || Array.isArray(checkpoint.config.layers) ||
    (!checkpoint.tensors.has('decoder/dense0/kernel') && !checkpoint.tensors.has('decoder/stem/dense0/kernel'));
}

/**
 * The decoder of a single-latent checkpoint (vae, beta-vae, cvae) as explorer layers: the MLP
 * `decoder/dense<i>` (activation between layers, last linear), or the conv stem
 * `decoder/stem/dense0,1` (activation after both) then `decoder/deconv<i>` (last linear).
 */
export function explorerModel(bytes: Uint8Array, runId: number, classNames: readonly string[] = []): ExplorerModel {
  const checkpoint = decodeCheckpoint(bytes, `checkpoint of run ${runId}`);
  if (isHierarchical(checkpoint)) throw new ExplorerUnsupportedError('explorer not available for hierarchical runs');
  const config = checkpoint.config;
  const latentDim = Number(config.latentDim);
  const inputShape = config.inputShape as [number, number, number];
  const activation = (config.activation ?? 'relu') as ExplorerActivation;
  const likelihood = String(config.likelihood ?? 'bernoulli');
  if (!Number.isInteger(latentDim) || latentDim < 1 || !Array.isArray(inputShape)) throw new ExplorerUnsupportedError('checkpoint config lacks latentDim or inputShape');
  const dense = (prefix: string, act: ExplorerActivation): ExplorerLayer => {
    const k = tensor(checkpoint, `${prefix}/kernel`), b = tensor(checkpoint, `${prefix}/bias`);
    return { op: 'dense', kernelShape: k.shape as [number, number], kernel: b64(k.values), bias: b64(b.values), activation: act };
  };
  const layers: ExplorerLayer[] = [];
  let first: number[];
  if (checkpoint.tensors.has('decoder/dense0/kernel')) {
    first = tensor(checkpoint, 'decoder/dense0/kernel').shape;
    for (let i = 0; checkpoint.tensors.has(`decoder/dense${i}/kernel`); i++) {
      layers.push(dense(`decoder/dense${i}`, checkpoint.tensors.has(`decoder/dense${i + 1}/kernel`) ? activation : 'linear'));
    }
  } else {
    first = tensor(checkpoint, 'decoder/stem/dense0/kernel').shape;
    const [h, w] = inputShape;
    // The stem's last layer is linear inside the MLP, and the decoder applies the activation after it.
    layers.push(dense('decoder/stem/dense0', activation), dense('decoder/stem/dense1', activation));
    layers.push({ op: 'reshape', shape: [h / 16, w / 16, 64] });
    for (let i = 0; checkpoint.tensors.has(`decoder/deconv${i}/kernel`); i++) {
      const k = tensor(checkpoint, `decoder/deconv${i}/kernel`), b = tensor(checkpoint, `decoder/deconv${i}/bias`);
      layers.push({
        op: 'deconv', kernelShape: k.shape as [number, number, number, number], kernel: b64(k.values), bias: b64(b.values), stride: 2,
        activation: checkpoint.tensors.has(`decoder/deconv${i + 1}/kernel`) ? activation : 'linear',
      });
    }
  }
  const conditionSize = first[0] - latentDim;
  if (conditionSize < 0) throw new ExplorerUnsupportedError(`decoder input ${first[0]} is smaller than latentDim ${latentDim}`);
  return {
    runId, variant: checkpoint.variant, latentDim, conditionSize,
    classLabels: Array.from({ length: conditionSize }, (_, i) => classNames.length === conditionSize ? classNames[i] : `class ${i}`),
    inputShape, output: likelihood === 'bernoulli' ? 'sigmoid' : 'clamp', layers,
  };
}
