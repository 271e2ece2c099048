/**
 * Sample quality of a generative model in the feature space of a dataset's own classifier
 * (`classifier.ts`):
 *
 * - `frechet_distance`: Fréchet distance (Heusel et al. 2017, the FID formula) between the
 *   features of prior samples and of real test images. The features are this classifier's, not
 *   Inception-v3's, so the number is **not FID** and compares only models scored with the same
 *   classifier.
 * - `frechet_distance_recon`: the same for reconstructions of those test images. Decoding
 *   posterior means shows what the decoder can draw; a sample distance far above it means the
 *   prior puts mass where the aggregate posterior has none ("prior holes").
 * - `precision`, `recall`: Kynkäänniemi et al. 2019 with k = 3 on the same features.
 * - `conditional_accuracy` (conditional models only): the classifier's head-0 accuracy at
 *   recovering the label each sample was generated with; labels are those of the real images
 *   drawn, so classes come in the data's proportions.
 *
 * Generated images are pixel means p(x|z) (Bernoulli probabilities), compared with grey-level
 * real images, the inputs the classifier was trained on.
 */
import * as tf from '@tensorflow/tfjs-core';
import { binarize, createRng } from '@vaelab/core';
import type { VaeModel, Binarization, ImageDataset } from '@vaelab/core';
import { frechetDistance } from '../frechet.ts';
import { precisionRecall } from '../precision-recall.ts';
import { checkModelData, chooseIndices, defaultBinarization, isConditional } from './batches.ts';
import type { FeatureClassifier } from './classifier.ts';

/** What sample quality needs from a model; {@link modelGenerator} adapts a VAE. */
export interface ImageGenerator {
  /** Whether `sample` and `reconstruct` take class labels. */
  readonly conditional: boolean;
  /** `n` generated images (row-major); `labels[i]` is the class of row `i` for a conditional generator. */
  sample(n: number, seed: number, labels?: Int32Array): Float32Array;
  /** Reconstructions of `n` real images. */
  reconstruct(pixels: Float32Array, n: number, labels?: Int32Array): Float32Array;
}

/** A VAE as an {@link ImageGenerator}: prior samples and posterior-mean reconstructions, as pixel means. */
export function modelGenerator(model: VaeModel, binarization: Binarization = defaultBinarization(model), seed = 0): ImageGenerator {
  const rng = createRng(seed);
  const conditional = isConditional(model);
  return {
    conditional,
    sample: (n, s, labels) => tf.tidy(() => model.sample(n, { seed: s, ...(conditional ? { label: labels } : {}) }).dataSync() as Float32Array),
    reconstruct(pixels, n, labels) {
      const input = binarize(Float32Array.from(pixels), binarization, rng);
      return tf.tidy(() => model.reconstruct(tf.tensor2d(input, [n, model.inputSize]), conditional ? { label: labels } : undefined).dataSync() as Float32Array);
    },
  };
}

/** Options of {@link sampleQuality}. */
export interface SampleQualityOptions {
  /** The dataset's feature classifier (`featureClassifier(split)`). */
  classifier: FeatureClassifier;
  /** Generated samples, reconstructions and real images, each. @default 2000 */
  samples?: number;
  /** Seed of the real-image draw, the samples and the binarization. @default 0 */
  seed?: number;
  /** Encoder inputs of the reconstructions. @default 'dynamic' for a Bernoulli model, else 'none' */
  binarization?: Binarization;
  /** Neighbourhood size of precision and recall. @default 3 */
  k?: number;
  /** Images per generator call. @default 500 */
  batchSize?: number;
}

/** Sample-quality numbers of `model` against `data` (normally the test split). */
export function sampleQuality(model: VaeModel, data: ImageDataset, options: SampleQualityOptions): Record<string, number> {
  checkModelData(model, data, 'sampleQuality');
  return generatorQuality(modelGenerator(model, options.binarization ?? defaultBinarization(model), (options.seed ?? 0) + 3), data, options);
}

/** {@link sampleQuality} of any {@link ImageGenerator}. */
export function generatorQuality(generator: ImageGenerator, data: ImageDataset, options: SampleQualityOptions): Record<string, number> {
  const { classifier } = options;
  const seed = options.seed ?? 0;
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const [h, w, c] = data.shape;
  const [ch, cw, cc] = classifier.inputShape;
  if (h * w * c !== ch * cw * cc) throw new Error(`sampleQuality: the classifier takes ${classifier.inputShape.join('x')} images, dataset '${data.name}' has ${data.shape.join('x')}`);
  if (generator.conditional && !data.labels) throw new Error(`sampleQuality: dataset '${data.name}' has no labels for a conditional model`);
  const indices = chooseIndices(data, options.samples ?? 2000, seed);
  const n = indices.length;
  if (n < 4) throw new RangeError(`sampleQuality: needs at least 4 images, dataset '${data.name}' has ${data.size}`);
  const labels = generator.conditional ? data.labels!(indices) : undefined;

  const real: Float64Array[] = [];
  const recon: Float64Array[] = [];
  const fake: Float64Array[] = [];
  let hits = 0;
  for (let start = 0, b = 0; start < n; start += batchSize, b++) {
    const at = indices.subarray(start, start + batchSize);
    const m = at.length;
    const y = labels?.subarray(start, start + m);
    const pixels = data.images(at);
    real.push(...classifier.featuresOf(pixels, m));
    recon.push(...classifier.featuresOf(generator.reconstruct(pixels, m, y), m));
    const generated = generator.sample(m, seed + 7919 * (b + 1), y);
    fake.push(...classifier.featuresOf(generated, m));
    if (y) {
      const predicted = classifier.predict(generated, m, 0);
      for (let i = 0; i < m; i++) if (predicted[i] === y[i]) hits++;
    }
  }
  const k = options.k ?? 3;
  const out: Record<string, number> = {
    frechet_distance: frechetDistance(fake, real),
    frechet_distance_recon: frechetDistance(recon, real),
    ...precisionRecall(real, fake, { k }),
  };
  if (labels) out.conditional_accuracy = hits / n;
  return out;
}
