/**
 * The disentanglement suite (`../disentanglement-suite.ts`: MIG, SAP, DCI, beta-VAE and FactorVAE scores,
 * after disentanglement_lib, Locatello et al. 2019) run on a trained model.
 *
 * The representation is the posterior mean `encode(x).mu`, disentanglement_lib's
 * `representation_function` for Gaussian encoders. For a hierarchical model that is the top
 * layer's mean (`encode` propagates means bottom-up): the top layer is the one the prior is
 * placed on and from which samples are drawn, so it is the code a user would edit. A
 * conditional model's encoder also needs the label: it is read from the factor the dataset's
 * labels come from (dSprites: shape), rendered alongside each image.
 *
 * Results use the store's names: `beta_vae_score` and `factor_vae_score` are the eval
 * accuracies, `dci_informativeness` and `explicitness` the test scores, `downstream_lr_<size>`
 * and `downstream_gbt_<size>` the downstream task's mean test accuracies.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { VaeModel, FactorSpace, ImageDataset } from '@vaelab/core';
import type { BudgetName, DisentanglementBudget } from '../budgets.ts';
import { disentanglementSuite } from '../disentanglement-suite.ts';
import type { SuiteProgress } from '../disentanglement-suite.ts';
import type { RepresentationFn } from '../sampling.ts';
import { isConditional, labelFactor } from './batches.ts';

/**
 * The store's disentanglement names, besides `downstream_lr_<size>` and `downstream_gbt_<size>`
 * (mean test accuracy over factors at each training size of the budget).
 */
export const DISENTANGLEMENT_KEYS = [
  'beta_vae_score', 'factor_vae_score', 'mig', 'dci_disentanglement', 'dci_completeness', 'dci_informativeness', 'sap',
  'irs', 'modularity', 'explicitness', 'gaussian_total_correlation', 'gaussian_wasserstein_correlation',
  'gaussian_wasserstein_correlation_norm', 'mutual_info_score',
] as const;

/**
 * A view of `data` whose factor space remembers the factor rows of every image array it
 * renders, so that the representation can look up the label of each image it is given.
 */
function withRememberedFactors(data: ImageDataset, space: FactorSpace): { data: ImageDataset; factorsOf: (images: Float32Array) => Int32Array | undefined } {
  const rendered = new WeakMap<Float32Array, Int32Array>();
  const factors: FactorSpace = {
    names: space.names,
    sizes: space.sizes,
    sample: (n, rng) => space.sample(n, rng),
    factorsOf: (indices) => space.factorsOf(indices),
    observe(rows, out) {
      const images = space.observe(rows, out);
      rendered.set(images, Int32Array.from(rows));
      return images;
    },
  };
  // A plain object forwarding to `data`: dataset classes may use private fields, which a
  // prototype-based view could not reach.
  const view: ImageDataset = {
    name: data.name, size: data.size, shape: data.shape, numClasses: data.numClasses, factors,
    images: (indices, out) => data.images(indices, out),
    ...(data.labels ? { labels: (indices: ArrayLike<number>) => data.labels!(indices) } : {}),
  };
  return { data: view, factorsOf: (images) => rendered.get(images) };
}

/** The posterior-mean representation of `model` (labels looked up by `labelsOf` for a conditional model). */
export function posteriorMeanRepresentation(model: VaeModel, labelsOf?: (images: Float32Array, n: number) => Int32Array): RepresentationFn {
  return (images, n) => {
    if (images.length !== n * model.inputSize) {
      throw new Error(`representation: ${images.length / n} values per image, the model takes ${model.config.inputShape.join('x')} images`);
    }
    const label = labelsOf?.(images, n);
    return tf.tidy(() => model.encode(tf.tensor2d(images, [n, model.inputSize]), label ? { label } : undefined).mu.dataSync() as Float32Array);
  };
}

/**
 * Disentanglement scores of `model` on a dataset with ground-truth factors, with a sample budget of
 * the suite (`quick` or `full`, the disentanglement_lib configuration). A dataset without
 * factors throws the suite's `dataset '<name>' has no ground-truth factors`.
 */
export async function modelDisentanglement(
  model: VaeModel, data: ImageDataset, budget: BudgetName | DisentanglementBudget = 'full', onProgress?: SuiteProgress,
): Promise<Record<string, number>> {
  let dataset = data;
  let represent = posteriorMeanRepresentation(model);
  if (isConditional(model) && data.factors) {
    const column = labelFactor(data);
    if (column < 0) throw new Error(`modelDisentanglement: the labels of dataset '${data.name}' are not one of its factors, so a conditional encoder cannot be given them`);
    const view = withRememberedFactors(data, data.factors);
    const k = data.factors.sizes.length;
    dataset = view.data;
    represent = posteriorMeanRepresentation(model, (images, n) => {
      const rows = view.factorsOf(images);
      if (!rows) throw new Error('modelDisentanglement: an image batch of unknown factors reached the representation');
      return Int32Array.from({ length: n }, (_, i) => rows[i * k + column]);
    });
  }
  const s = await disentanglementSuite(dataset, represent, budget, onProgress);
  const out: Record<string, number> = {
    beta_vae_score: s.beta_vae_eval_accuracy,
    factor_vae_score: s.factor_vae_eval_accuracy,
    mig: s.mig,
    dci_disentanglement: s.dci_disentanglement,
    dci_completeness: s.dci_completeness,
    dci_informativeness: s.dci_informativeness_test,
    sap: s.sap,
    irs: s.irs,
    modularity: s.modularity,
    explicitness: s.explicitness_test,
    gaussian_total_correlation: s.gaussian_total_correlation,
    gaussian_wasserstein_correlation: s.gaussian_wasserstein_correlation,
    gaussian_wasserstein_correlation_norm: s.gaussian_wasserstein_correlation_norm,
    mutual_info_score: s.mutual_info_score,
  };
  for (const [key, value] of Object.entries(s)) {
    const downstream = /^downstream_(lr|gbt)_(\d+)_test_accuracy$/.exec(key);
    if (downstream) out[`downstream_${downstream[1]}_${downstream[2]}`] = value;
  }
  return out;
}
