import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.ts';

/** A named set of trainable variables with a forward function. Plain data, no framework classes. */
export interface Module {
  /** Variables by stable name, e.g. `dense0/kernel`; the names are the checkpoint keys. */
  readonly variables: ReadonlyMap<string, tf.Variable>;
  apply(x: tf.Tensor): tf.Tensor;
}

/** Glorot/Xavier uniform initialisation (Glorot & Bengio 2010), as Keras and tf.layers default. */
export function glorotUniform(shape: number[], fanIn: number, fanOut: number, rng: Rng): tf.Tensor {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = (rng.next() * 2 - 1) * limit;
  return tf.tensor(values, shape);
}

/** Creates a trainable variable named `prefix/name` and records it in `into`. */
export function addVariable(into: Map<string, tf.Variable>, prefix: string, name: string, init: tf.Tensor): tf.Variable {
  const key = `${prefix}/${name}`;
  const variable = tf.variable(init, true, `${key}_${variableCounter++}`);
  init.dispose();
  into.set(key, variable);
  return variable;
}
let variableCounter = 0;

/** Element-wise nonlinearities available to the builders. */
export type Activation = 'relu' | 'tanh' | 'elu' | 'sigmoid' | 'linear' | 'leakyRelu';

export function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu': return tf.relu(x);
    case 'tanh': return tf.tanh(x);
    case 'elu': return tf.elu(x);
    case 'sigmoid': return tf.sigmoid(x);
    case 'leakyRelu': return tf.leakyRelu(x, 0.2);
    case 'linear': return x;
  }
}

/** Combines modules applied in sequence into one. */
export function sequential(modules: Module[]): Module {
  const variables = new Map<string, tf.Variable>();
  for (const m of modules) for (const [k, v] of m.variables) variables.set(k, v);
  return { variables, apply: (x) => modules.reduce((h, m) => m.apply(h), x) };
}
