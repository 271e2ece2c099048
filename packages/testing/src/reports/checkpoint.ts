import { buildDecoder, buildEncoder, createRng, encodeCheckpoint, normalizeBaseConfig, selectBackend } from '@vaelab/core';
import type { Architecture } from '@vaelab/core';
import { HierarchicalVAE } from '@vaelab/hvae';

type Variables = Parameters<typeof encodeCheckpoint>[2];

/** Options of {@link fixtureCheckpoint}. */
export interface FixtureCheckpointOptions {
  variant?: string;
  latentDim?: number;
  /** @default { kind: 'mlp', hidden: [16] } */
  architecture?: Architecture;
  /** Classes of a CVAE's one-hot condition. @default 0 */
  numClasses?: number;
  /** Extra config fields (e.g. `beta`; a hierarchical model's `layers` and total `latentDim`). @default {} */
  extra?: Record<string, unknown>;
  /**
   * Write a hierarchical model (`extra.layers` with two or more layers) the way checkpoints were
   * written before they described the prior networks: the decoder's inputs without `topDown`.
   * @default false
   */
  withoutPriorDescription?: boolean;
  /** Replace the random MLP weights with a decoder whose blob moves with z0 (x) and z1 (y). @default true */
  legible?: boolean;
}

/**
 * Checkpoint bytes of a real model layout: encoder and decoder variables come from core's
 * builders (names, shapes, Glorot values), written by `encodeCheckpoint`. With `legible`, the MLP
 * decoder's values are set by hand so that the decoded image is a blob that moves as z changes,
 * which makes explorer screenshots readable.
 */
export async function fixtureCheckpoint(options: FixtureCheckpointOptions = {}): Promise<Uint8Array> {
  await selectBackend('cpu');
  const latentDim = options.latentDim ?? 2;
  const numClasses = options.numClasses ?? 0;
  const config = normalizeBaseConfig({ inputShape: [28, 28, 1], latentDim, architecture: options.architecture ?? { kind: 'mlp', hidden: [16] } });
  const rng = createRng(7);
  const encoder = buildEncoder('encoder', config, numClasses, 2 * latentDim, rng);
  const decoder = buildDecoder('decoder', config, latentDim + numClasses, rng);
  const layers = options.extra?.layers;
  // A hierarchical checkpoint is the real model's (its prior networks and what it records about
  // them), with the same hand-set decoder from z1 when legible.
  const model = Array.isArray(layers) && layers.length > 1
    ? new HierarchicalVAE({ inputShape: config.inputShape, architecture: config.architecture, layers: layers as number[], latentHidden: [16], activation: 'tanh', seed: 7 })
    : undefined;
  const variables = new Map(model ? model.variables : [...encoder.variables, ...decoder.variables]) as unknown as Map<string, { shape: number[]; dataSync(): Float32Array }>;
  if ((options.legible ?? true) && config.architecture.kind === 'mlp' && config.architecture.hidden.length === 1 && config.architecture.hidden[0] >= 5) {
    const hidden = config.architecture.hidden[0];
    const inputs = latentDim + numClasses;
    // Hidden units: relu(z0), relu(-z0), relu(z1), relu(-z1), and a constant 1 (from its bias).
    const w1 = new Float32Array(inputs * hidden), b1 = new Float32Array(hidden);
    w1[0 * hidden + 0] = 1; w1[0 * hidden + 1] = -1;
    if (latentDim > 1) { w1[1 * hidden + 2] = 1; w1[1 * hidden + 3] = -1; }
    b1[4] = 1;
    for (let c = 0; c < numClasses; c++) w1[(latentDim + c) * hidden + 5 + (c % Math.max(1, hidden - 5))] = 1;
    const w2 = new Float32Array(hidden * 784), b2 = new Float32Array(784).fill(-5);
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) {
      const p = y * 28 + x, dx = x - 13.5, dy = y - 13.5, g = Math.exp(-(dx * dx + dy * dy) / 32);
      w2[4 * 784 + p] = 10 * g; // the blob
      w2[0 * 784 + p] = 4 * g * dx; w2[1 * 784 + p] = -4 * g * dx; // z0 shifts it along x
      w2[2 * 784 + p] = 4 * g * dy; w2[3 * 784 + p] = -4 * g * dy; // z1 along y
      for (let c = 0; c < numClasses; c++) w2[(5 + (c % Math.max(1, hidden - 5))) * 784 + p] = 3 * g * Math.cos(c + Math.atan2(dy, dx) * 2);
    }
    const set = (name: string, values: Float32Array): void => {
      const shape = variables.get(name)!.shape;
      variables.set(name, { shape, dataSync: () => values });
    };
    set('decoder/dense0/kernel', w1); set('decoder/dense0/bias', b1);
    set('decoder/dense1/kernel', w2); set('decoder/dense1/bias', b2);
  }
  // The decoder reads `latentDim` values (z1 when `extra` makes the model hierarchical) and the condition.
  if (model) {
    const inputs = options.withoutPriorDescription ? { latentSize: latentDim, conditionSize: 0 } : model.decoderInputs;
    const bytes = encodeCheckpoint('hvae', model.config, variables as unknown as Variables, inputs);
    model.dispose();
    return bytes;
  }
  return encodeCheckpoint(options.variant ?? 'vae', { ...config, ...(numClasses ? { numClasses } : {}), ...options.extra }, variables as unknown as Variables, { latentSize: latentDim, conditionSize: numClasses });
}
