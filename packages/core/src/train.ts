import * as tf from '@tensorflow/tfjs-core';
import { activeBackend, selectBackend } from './backend.ts';
import { binarize } from './data.ts';
import type { ImageDataset } from './data.ts';
import { createClippedAdam } from './optimizer.ts';
import { createRng } from './rng.ts';
import type { BaseVAE } from './model.ts';
import { evaluateModel } from './evaluate.ts';
import { checkLabels } from './labels.ts';
import type { FitOptions, FitResult, StepTerms } from './train-types.ts';
import { checkFitInput } from './fit-options.ts';
import { binarizationFor, totalSteps as stepsOf } from './training-config.ts';

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Trains with Adam on minibatches, as the training config in `options` says (learning rate,
 * batch size, clipping, steps or epochs, log interval, binarization, evaluation cap). Every `logEvery` steps the terms are read back and checked:
 * a non-finite loss or gradient ends the run as `diverged` with the step, instead of a crash.
 * All tensors of a step live in one `tf.tidy`, so the tensor count stays flat.
 */
export async function fitModel(model: BaseVAE, train: ImageDataset, options: FitOptions = {}): Promise<FitResult> {
  const training = checkFitInput(model, train, options);
  const backend = activeBackend() ?? (await selectBackend('auto'));
  checkLabels(model, train);
  if (options.test) checkLabels(model, options.test);
  const { gradientClipNorm, learningRate, logEvery, evalEvery, evalExamples } = training;
  const { seed } = model.config;
  const { totalSteps, stepsPerEpoch, batch } = stepsOf(training, train.size, `${model.variantName}.fit`);
  const width = model.inputSize;
  const binarization = binarizationFor(model.config.likelihood, training.binarization);
  const dataRng = createRng(seed + 0x2545f491);
  const order = new Int32Array(train.size).map((_, i) => i);
  const indices = new Int32Array(batch);
  const pixels = new Float32Array(batch * width);
  const optimizer = createClippedAdam({ learningRate, gradientClipNorm });
  const varList = [...model.variables.values()];
  const started = performance.now();
  let lastTerms: StepTerms | undefined;
  let status: FitResult['status'] = 'completed';
  let divergedAt: FitResult['divergedAt'];
  let step = 0;

  for (; step < totalSteps; step++) {
    if (options.signal?.aborted) {
      status = 'interrupted';
      break;
    }
    const epoch = Math.floor(step / stepsPerEpoch);
    const offset = (step % stepsPerEpoch) * batch;
    if (offset === 0) dataRng.shuffle(order);
    indices.set(order.subarray(offset, offset + batch));
    binarize(train.images(indices, pixels), binarization, dataRng);
    const labels = model.condition ? train.labels!(indices) : undefined;
    const read = (step + 1) % logEvery === 0 || step === totalSteps - 1;

    // Read-back values are packed into one tensor inside the gradient scope: [loss, elbo,
    // reconstruction, kl, kl/layer..., kl/dim...]; only that tensor and the norm leave the tidy.
    let packed: tf.Tensor | undefined;
    const norm = tf.tidy(() => {
      const x = tf.tensor2d(pixels, [batch, width]);
      const { grads } = tf.variableGrads(() => {
        const t = model.lossTerms(x, step, labels);
        if (read) packed = tf.keep(tf.concat([tf.stack([t.loss, t.elbo, t.reconstruction, t.kl, ...(t.klPerLayer ?? [])]), t.klPerDim]));
        return t.loss;
      }, varList);
      const gradNorm = optimizer.step(grads, read);
      model.auxiliaryStep({ x, step, labels });
      return gradNorm;
    });

    if (packed) {
      const values = packed.dataSync() as Float32Array;
      const gradNorm = norm.dataSync()[0];
      tf.dispose([packed, norm]);
      packed = undefined;
      const layers = values.length - 4 - model.latentSize;
      const loss = values[0];
      lastTerms = {
        loss, elbo: values[1], reconstruction: values[2], kl: values[3], gradNorm,
        klPerLayer: layers > 0 ? Array.from(values.subarray(4, 4 + layers)) : undefined,
      };
      if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
        status = 'diverged';
        const what = Number.isFinite(loss) ? `gradient norm is ${gradNorm}` : `loss is ${loss}`;
        divergedAt = { step, message: `${what} at step ${step}` };
        step++;
        break;
      }
      const seconds = (performance.now() - started) / 1000;
      const klPerDim = values.slice(4 + layers);
      options.onStep?.({ step, epoch, totalSteps, samplesPerSecond: ((step + 1) * batch) / seconds, terms: lastTerms, klPerDim });
      await yieldToEventLoop();
    } else {
      norm.dispose();
    }
    if (options.test && evalEvery && (step + 1) % evalEvery === 0 && step + 1 < totalSteps) {
      options.onEval?.(step, evaluateModel(model, options.test, { maxExamples: evalExamples, binarization }));
    }
  }
  optimizer.dispose();
  const seconds = (performance.now() - started) / 1000;
  const test = options.test && status !== 'diverged' ? evaluateModel(model, options.test, { maxExamples: evalExamples, binarization }) : undefined;
  if (test) options.onEval?.(step, test);
  return { status, steps: step, divergedAt, seconds, samplesPerSecond: (step * batch) / seconds, backend, lastTerms, test };
}
