import * as tf from '@tensorflow/tfjs-core';
import { BaseVAE, decodeCheckpoint, normalizeConfig, readCheckpoint, restoreModel } from '@vaelab/core';
import { cvaeConfigSchema } from './config.ts';
import type { CvaeConfig, CvaeInit } from './config.ts';

const NAME = 'cvae';

/**
 * The conditional VAE of Sohn et al. 2015 ("Learning Structured Output Representation using
 * Deep Conditional Generative Models"), in its common form for class-conditional generation:
 * encoder q(z | x, y), decoder p(x | z, y), prior p(z) = N(0, I), y a one-hot class label.
 * The objective is the conditional ELBO, log p(x | y) >= E_q[log p(x | z, y)] - KL(q(z | x, y) || p(z)).
 *
 * Only the condition hooks differ from the plain VAE: core's encoder takes y concatenated to x
 * (MLP) or before its dense head (conv), and the decoder takes y concatenated to z.
 *
 * Labels go in through `{ label }` on `encode`, `decode`, `reconstruct`, `sample` and
 * `interpolate`: one class index for all rows, one per row, or a label vector of `numClasses`
 * values per row (row-major), e.g. a soft mix of two classes. `fit` and `evaluate` read the
 * dataset's labels, checked by core's `checkLabels` (`condition` is `{ classes: numClasses }`).
 *
 * @example
 * const mnist = loadDataset('mnist');
 * const cvae = new CVAE({ numClasses: 10, latentDim: 8 });
 * await cvae.fit(mnist.train, { epochs: 5 });
 * const sevens = cvae.sample(16, { label: 7 });
 */
export class CVAE extends BaseVAE<CvaeConfig> {
  readonly variantName = NAME;

  /** Builds a CVAE from a partial config; invalid fields throw a `ConfigError` naming them. */
  constructor(config: CvaeInit = {}) {
    super(normalizeConfig(cvaeConfigSchema, config, 'CVAE config'));
  }

  /** The condition is a vector of `numClasses` values. */
  protected override get conditionSize(): number {
    return this.config.numClasses;
  }

  /**
   * The condition of `rows` rows: one-hot rows for `rows` class indices, or the given label
   * vectors for `rows * numClasses` values.
   */
  protected override conditionOf(labels: ArrayLike<number> | undefined, rows: number): tf.Tensor2D {
    const k = this.config.numClasses;
    if (labels === undefined) {
      throw new Error(`${NAME}: encoder and decoder are conditioned on the class; pass { label } (one class for all rows, or one per row)`);
    }
    if (labels.length === rows) {
      const oneHot = new Float32Array(rows * k);
      for (let i = 0; i < rows; i++) {
        const y = labels[i];
        if (!Number.isInteger(y) || y < 0 || y >= k) {
          throw new RangeError(`${NAME}: label ${y} (row ${i}) is outside [0, numClasses) = [0, ${k}); numClasses must cover every class of the data`);
        }
        oneHot[i * k + y] = 1;
      }
      return tf.tensor2d(oneHot, [rows, k]);
    }
    if (labels.length === rows * k) return tf.tensor2d(Float32Array.from(labels), [rows, k]);
    throw new RangeError(`${NAME}: ${labels.length} label values for ${rows} rows; give one class index per row, or numClasses (${k}) values per row`);
  }

  /** Loads a model written by `save`. */
  static async load(path: string): Promise<CVAE> {
    return restoreModel(await readCheckpoint(path), NAME, (c) => new CVAE(c as CvaeInit), path);
  }

  /** Rebuilds a model from `toBytes()` output. */
  static fromBytes(bytes: Uint8Array): CVAE {
    return restoreModel(decodeCheckpoint(bytes), NAME, (c) => new CVAE(c as CvaeInit));
  }
}
