import { z } from 'zod';
import { ConfigError, boundedInt, stepCount } from './config.ts';
import type { ImageDataset } from './data.ts';
import { imageSize } from './data.ts';
import { parseWithIssues } from './issues.ts';
import type { FieldIssue } from './issues.ts';
import type { BaseVAE } from './model.ts';
import type { FitOptions } from './train-types.ts';

/** Passes over the training set when neither `steps` nor `epochs` is given. */
export const DEFAULT_EPOCHS = 10;

/**
 * Schema of the numeric options of `fit` (see {@link FitOptions} for their meaning and
 * defaults): how long to train and how often to read back, bounded like the config fields so
 * that `steps: 1e300` is refused at once rather than reported as a 1e295-hour ETA.
 */
export const fitOptionsSchema = z.object({
  epochs: boundedInt(1, { max: 1e6, why: 'more passes than a run can finish' }).default(DEFAULT_EPOCHS),
  steps: stepCount().optional(),
  evalEvery: stepCount().optional(),
  evalExamples: boundedInt(1, { max: 1e8, why: 'more held-out examples than a dataset here has' }).optional(),
  logEvery: stepCount().optional(),
  binarization: z.enum(['none', 'static', 'dynamic']).optional(),
});

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

/**
 * Checks the options and data of `fit` before anything is computed: every numeric option
 * within bounds, a non-empty training set, and train and test images of the model's shape.
 * Throws a {@link ConfigError} that names the dataset and field, one line each.
 */
export function checkFitInput(model: BaseVAE, train: ImageDataset, options: FitOptions): void {
  // Only the fields the schema knows: callbacks, the signal and the test set are not numbers.
  const { epochs, steps, evalEvery, evalExamples, logEvery, binarization, test } = options;
  const parsed = parseWithIssues(fitOptionsSchema, { epochs, steps, evalEvery, evalExamples, logEvery, binarization });
  const issues = 'issues' in parsed ? [...parsed.issues] : [];
  issues.push(...datasetIssues(model, train, 'train'));
  if (test) issues.push(...datasetIssues(model, test, 'test'));
  if (issues.length > 0) throw new ConfigError(issues, `${model.variantName}.fit`);
}
