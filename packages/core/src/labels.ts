import type { ImageDataset } from './data.ts';
import type { ModelCondition } from './contract.ts';

/**
 * The one check of a dataset's labels against a conditional model, used by training, held-out
 * evaluation, every metric and the command line: a conditional model needs a class label per
 * example, of as many classes as it has. An unconditional model accepts any dataset. Throws one
 * line naming the model, the dataset and what is wrong.
 */
export function checkLabels(model: { readonly variantName: string; readonly condition: ModelCondition | undefined }, data: ImageDataset): void {
  const condition = model.condition;
  if (!condition) return;
  const unlabelled = (): Error =>
    new Error(`${model.variantName}: dataset '${data.name}' has no labels, and a conditional model needs a class label per example (e.g. MNIST digits, Fashion-MNIST classes, dSprites shape)`);
  if (!data.labels) throw unlabelled();
  if (data.numClasses === undefined) {
    // A dataset type may offer labels() yet hold none; ask for one to find out.
    if (data.size > 0) {
      try {
        data.labels([0]);
      } catch {
        throw unlabelled();
      }
    }
    return;
  }
  if (data.numClasses !== condition.classes) {
    throw new Error(`${model.variantName}: the model has ${condition.classes} classes but dataset '${data.name}' has ${data.numClasses}; a conditional model is trained and scored on data of its own classes`);
  }
}
