import * as tf from '@tensorflow/tfjs-core';
import type { CheckpointTensors } from './checkpoint.ts';

/**
 * Overwrites `variables` with a checkpoint's weights. Names and shapes must match exactly both
 * ways, so a checkpoint of another layout fails naming the first weight that differs rather
 * than loading half a model.
 */
export function assignWeights(variables: ReadonlyMap<string, tf.Variable>, tensors: CheckpointTensors): void {
  for (const [name, variable] of variables) {
    const saved = tensors.get(name);
    if (!saved) throw new Error(`checkpoint has no weight '${name}'`);
    if (saved.shape.join('x') !== variable.shape.join('x')) {
      throw new Error(`checkpoint weight '${name}' has shape ${saved.shape.join('x')}, the model needs ${variable.shape.join('x')}`);
    }
    tf.tidy(() => variable.assign(tf.tensor(saved.values, saved.shape)));
  }
  const extra = [...tensors.keys()].filter((k) => !variables.has(k));
  if (extra.length > 0) throw new Error(`checkpoint has weights this model does not: ${extra.join(', ')}`);
}
