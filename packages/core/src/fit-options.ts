import { ConfigError } from './config.ts';
import type { ImageDataset } from './data.ts';
import { imageSize } from './data.ts';
import type { FieldIssue } from './issues.ts';
import type { BaseVAE } from './model.ts';
import { TRAINING_FIELDS, minibatchIssues, parseTrainingConfig, totalSteps } from './training-config.ts';
import type { TrainingConfig } from './training-config.ts';
import type { FitOptions } from './train-types.ts';

/** Whether two image shapes are the same. */
const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** Problems of a dataset the model is about to train or be evaluated on. */
function datasetIssues(model: BaseVAE, data: ImageDataset, role: 'train' | 'test'): FieldIssue[] {
  if (!Number.isInteger(data.size) || data.size < 1) {
    return [{ path: role, message: `dataset '${data.name}' has no examples (size ${data.size}); there is nothing to ${role === 'train' ? 'train on' : 'evaluate'}` }];
  }
  const expected = model.config.inputShape;
  if (!sameShape(data.shape, expected)) {
    return [{ path: role, message: `dataset '${data.name}' holds ${data.shape.join('x')} images but the model's inputShape is ${expected.join('x')} (${imageSize(expected)} values per image)` }];
  }
  return [];
}

/** The training-config fields of `fit`'s options (callbacks, the signal and the test set are not config). */
export function trainingInput(options: FitOptions): Partial<TrainingConfig> {
  const input: Record<string, unknown> = {};
  for (const key of TRAINING_FIELDS) if (options[key] !== undefined) input[key] = options[key];
  return input as Partial<TrainingConfig>;
}

/**
 * Checks the options and data of `fit` before anything is computed and returns the training
 * config they give: every field through {@link parseTrainingConfig} (bounds, defaults, steps or
 * epochs), a minibatch that fits in memory, a non-empty training set, and train and test
 * images of the model's shape. Throws a {@link ConfigError} that names the dataset and field,
 * one line each (`vae.fit: steps: must be <= 1e9 (...)`).
 */
export function checkFitInput(model: BaseVAE, train: ImageDataset, options: FitOptions): TrainingConfig {
  const label = `${model.variantName}.fit`;
  const issues: FieldIssue[] = [];
  let config: TrainingConfig | undefined;
  try {
    config = parseTrainingConfig(trainingInput(options), { likelihood: model.config.likelihood, label });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues.push(...error.issues);
  }
  if (config) issues.push(...minibatchIssues(config.batchSize, model.config.inputShape));
  issues.push(...datasetIssues(model, train, 'train'));
  if (options.test) issues.push(...datasetIssues(model, options.test, 'test'));
  if (issues.length > 0 || !config) throw new ConfigError(issues, label);
  totalSteps(config, train.size, label);
  return config;
}
