/**
 * The feature classifier of the sample-quality metrics: an MLP trained with Adam on a dataset's
 * own training split, with one softmax head per label it predicts, whose last hidden layer
 * (ReLU activations) is the feature space. It plays the role Inception-v3's pool3 layer plays in
 * FID (Heusel et al. 2017): a domain-specific stand-in, so distances in its space are not FID
 * and are comparable only between models scored with the same classifier (same cache key).
 *
 * Shared trunk + several heads: on dSprites the features must see shape and position, so the
 * heads are trained jointly on the sum of their cross-entropies.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, dense } from '@vaelab/core';
import type { CheckpointTensors, ImageDataset, ImageShape, Module, Rng } from '@vaelab/core';

/** One softmax output of the classifier. */
export interface ClassifierHead {
  /** e.g. `class`, `shape`, `posX`. */
  readonly name: string;
  readonly classes: number;
}

/** How the classifier is trained; hashed into its cache key. */
export interface ClassifierRecipe {
  /** Hidden layer sizes; the last one is the feature layer. @default [512, 128] */
  readonly hidden: readonly number[];
  /** Adam learning rate. @default 0.001 */
  readonly learningRate: number;
  /** @default 128 */
  readonly batchSize: number;
  /** Optimisation steps (random minibatches, reshuffled every pass). @default dataset-specific, see tasks */
  readonly steps: number;
  /** Seed of the initialisation and batch order. @default 0 */
  readonly seed: number;
  /**
   * Random translation of each training image by up to this many pixels per axis (zero fill);
   * 0 turns it off. Position-labelled data must not be shifted. @default 2 for class labels, 0 for factors
   */
  readonly shift: number;
}

/** The labels a classifier learns on one dataset, and which examples it may train on. */
export interface ClassifierTask {
  readonly heads: readonly ClassifierHead[];
  /** Targets of examples `indices`, one array per head. */
  targets(data: ImageDataset, indices: ArrayLike<number>): Int32Array[];
  /** Examples of `train` to fit on. */
  readonly trainIndices: Int32Array;
  /** Held-out examples (of `test`) the accuracy is reported on. */
  readonly heldOut: { readonly data: ImageDataset; readonly indices: Int32Array };
}

/** A trained classifier: features and per-head predictions of flat images. */
export class FeatureClassifier {
  readonly variables = new Map<string, tf.Variable>();
  readonly heads: readonly ClassifierHead[];
  readonly inputShape: ImageShape;
  readonly hidden: readonly number[];
  private readonly trunk: Module[];
  private readonly outputs: Module[];

  constructor(inputShape: ImageShape, hidden: readonly number[], heads: readonly ClassifierHead[], rng: Rng = createRng(0)) {
    if (hidden.length === 0) throw new RangeError('FeatureClassifier: needs at least one hidden layer (the features)');
    this.inputShape = inputShape;
    this.hidden = hidden;
    this.heads = heads;
    const sizes = [inputShape[0] * inputShape[1] * inputShape[2], ...hidden];
    this.trunk = hidden.map((_, i) => this.own(dense(`classifier/dense${i}`, sizes[i], sizes[i + 1], rng, { activation: 'relu', needsInputGradient: i > 0 })));
    this.outputs = heads.map((head) => this.own(dense(`classifier/head-${head.name}`, hidden[hidden.length - 1], head.classes, rng)));
  }

  private own(module: Module): Module {
    for (const [name, variable] of module.variables) this.variables.set(name, variable);
    return module;
  }

  /** Width of the feature space. */
  get featureSize(): number {
    return this.hidden[this.hidden.length - 1];
  }

  /** Penultimate activations of `x` (`n x featureSize`). */
  features(x: tf.Tensor2D): tf.Tensor2D {
    return this.trunk.reduce<tf.Tensor>((h, layer) => layer.apply(h), x) as tf.Tensor2D;
  }

  /** Logits of every head. */
  logits(x: tf.Tensor2D): tf.Tensor2D[] {
    const f = this.features(x);
    return this.outputs.map((head) => head.apply(f) as tf.Tensor2D);
  }

  /** Features of `n` flat images as float64 rows, `batchSize` at a time. */
  featuresOf(pixels: Float32Array, n: number, batchSize = 500): Float64Array[] {
    const width = pixels.length / n;
    const d = this.featureSize;
    const rows: Float64Array[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const m = Math.min(batchSize, n - start);
      const values = tf.tidy(() => this.features(tf.tensor2d(pixels.subarray(start * width, (start + m) * width), [m, width])).dataSync());
      for (let i = 0; i < m; i++) rows.push(Float64Array.from(values.subarray(i * d, (i + 1) * d)));
    }
    return rows;
  }

  /** Most likely class of head `head` (index) for `n` flat images. */
  predict(pixels: Float32Array, n: number, head = 0, batchSize = 500): Int32Array {
    const width = pixels.length / n;
    const out = new Int32Array(n);
    for (let start = 0; start < n; start += batchSize) {
      const m = Math.min(batchSize, n - start);
      const labels = tf.tidy(() => tf.argMax(this.logits(tf.tensor2d(pixels.subarray(start * width, (start + m) * width), [m, width]))[head], 1).dataSync());
      out.set(labels, start);
    }
    return out;
  }

  /** Overwrites the weights with saved ones; names and shapes must match. */
  setWeights(tensors: CheckpointTensors): void {
    for (const [name, variable] of this.variables) {
      const saved = tensors.get(name);
      if (!saved || saved.shape.join('x') !== variable.shape.join('x')) throw new Error(`classifier weights: '${name}' missing or of another shape`);
      tf.tidy(() => variable.assign(tf.tensor(saved.values, saved.shape)));
    }
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
  }
}

/** Held-out accuracy of every head, by head name. */
export function classifierAccuracy(classifier: FeatureClassifier, task: ClassifierTask): Record<string, number> {
  const { data, indices } = task.heldOut;
  const pixels = data.images(indices);
  const targets = task.targets(data, indices);
  const out: Record<string, number> = {};
  classifier.heads.forEach((head, h) => {
    const predicted = classifier.predict(pixels, indices.length, h);
    let hits = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === targets[h][i]) hits++;
    out[head.name] = hits / predicted.length;
  });
  return out;
}

/** Trains a classifier for `task` on `train` with Adam on the summed cross-entropy of its heads. */
export async function trainClassifier(train: ImageDataset, task: ClassifierTask, recipe: ClassifierRecipe): Promise<FeatureClassifier> {
  const rng = createRng(recipe.seed);
  const classifier = new FeatureClassifier(train.shape, recipe.hidden, task.heads, rng.fork());
  const order = Int32Array.from(task.trainIndices);
  const batch = Math.min(recipe.batchSize, order.length);
  const width = classifier.inputShape[0] * classifier.inputShape[1] * classifier.inputShape[2];
  const optimizer = tf.train.adam(recipe.learningRate);
  const varList = [...classifier.variables.values()];
  const pixels = new Float32Array(batch * width);
  const perPass = Math.floor(order.length / batch);
  for (let step = 0; step < recipe.steps; step++) {
    const offset = (step % perPass) * batch;
    if (offset === 0) rng.shuffle(order);
    const indices = order.subarray(offset, offset + batch);
    train.images(indices, pixels);
    if (recipe.shift > 0) shiftImages(pixels, batch, classifier.inputShape, recipe.shift, rng);
    const targets = task.targets(train, indices);
    tf.tidy(() => {
      const x = tf.tensor2d(pixels, [batch, width]);
      const oneHots = targets.map((t, h) => tf.oneHot(tf.tensor1d(t, 'int32'), task.heads[h].classes));
      const { grads } = tf.variableGrads(() => {
        const logits = classifier.logits(x);
        const losses = logits.map((l, h) => tf.neg(tf.mean(tf.sum(tf.mul(oneHots[h], tf.logSoftmax(l)), 1))));
        return tf.addN(losses) as tf.Scalar;
      }, varList);
      optimizer.applyGradients(grads as Parameters<typeof optimizer.applyGradients>[0]);
    });
    // Let timers and progress output run during a long fit.
    if (step % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
  }
  optimizer.dispose();
  return classifier;
}

/** Translates each of `n` images in place by a random offset in [-max, max] per axis (zero fill). */
export function shiftImages(pixels: Float32Array, n: number, shape: ImageShape, max: number, rng: Rng): void {
  const [h, w, c] = shape;
  const size = h * w * c;
  const copy = new Float32Array(size);
  for (let i = 0; i < n; i++) {
    const dy = rng.int(2 * max + 1) - max;
    const dx = rng.int(2 * max + 1) - max;
    if (dx === 0 && dy === 0) continue;
    const image = pixels.subarray(i * size, (i + 1) * size);
    copy.set(image);
    image.fill(0);
    for (let y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
      const from = ((y - dy) * w + Math.max(0, -dx)) * c;
      image.set(copy.subarray(from, from + (w - Math.abs(dx)) * c), (y * w + Math.max(0, dx)) * c);
    }
  }
}
