import * as tf from '@tensorflow/tfjs-core';
import { WasmAdam, clipScale } from './kernels/adam.ts';
import { backendKernels } from './kernels/loader.ts';
import type { TrainingConfig } from './training-config.ts';

/** One training step's update: Adam on the gradients after global-norm clipping. */
export interface ClippedAdam {
  /**
   * Clips `grads` (keyed by variable name) to the global norm `gradientClipNorm` when it is not
   * null, applies Adam, and returns the global norm of the unclipped gradients (0 when neither
   * `wantNorm` nor clipping needs it).
   */
  step(grads: tf.NamedTensorMap, wantNorm: boolean): tf.Scalar;
  dispose(): void;
}

/** sqrt(sum of squares) over every gradient. */
function globalNorm(grads: tf.NamedTensorMap): tf.Scalar {
  return tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))) as tf.Scalar;
}

/**
 * Adam (Kingma & Ba 2015; beta1 0.9, beta2 0.999, eps 1e-8) with gradient clipping by global
 * norm (Pascanu et al. 2013). On the wasm backend the update, the norm and the clipping run in
 * vaelab's fused kernels (kernels/adam.ts), one kernel call per variable with tf.train.adam's
 * float32 arithmetic; elsewhere tf.train.adam and tensor ops, about ten kernels per variable.
 * Its settings are the training config's `learningRate` and `gradientClipNorm`. Create it after
 * the backend is selected.
 */
export function createClippedAdam(settings: Pick<TrainingConfig, 'learningRate' | 'gradientClipNorm'>): ClippedAdam {
  const { learningRate, gradientClipNorm: clipNorm } = settings;
  const kernels = backendKernels();
  if (kernels) {
    const adam = new WasmAdam(kernels, learningRate, 0.9, 0.999, 1e-8);
    return {
      step(grads, wantNorm) {
        const norm = wantNorm || clipNorm !== null ? adam.globalNorm(grads) : 0;
        adam.applyGradients(grads, clipNorm === null ? null : clipScale(norm, clipNorm));
        return tf.scalar(norm);
      },
      dispose: () => adam.dispose(),
    };
  }
  const optimizer = tf.train.adam(learningRate, 0.9, 0.999, 1e-8);
  return {
    step(grads, wantNorm) {
      const norm = wantNorm || clipNorm !== null ? globalNorm(grads) : tf.scalar(0);
      if (clipNorm !== null) {
        const scale = tf.minimum(1, tf.div(clipNorm, tf.add(norm, 1e-12)));
        for (const key of Object.keys(grads)) grads[key] = tf.mul(grads[key], scale);
      }
      optimizer.applyGradients(grads as Parameters<typeof optimizer.applyGradients>[0]);
      return norm;
    },
    dispose: () => optimizer.dispose(),
  };
}
