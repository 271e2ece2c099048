import * as tf from '@tensorflow/tfjs-core';
import { activeBackend, selectBackend } from './backend.ts';
import { binarize } from './data.ts';
import type { Binarization, ImageDataset } from './data.ts';
import { createClippedAdam } from './optimizer.ts';
import { createRng } from './rng.ts';
import type { BaseVAE } from './model.ts';
import { defaultBinarization, evaluateModel } from './evaluate.ts';
import { checkLabels } from './labels.ts';
import type { FitOptions, FitResult, StepTerms } from './train-types.ts';
import { ConfigError, LIMITS, tooBig } from './config.ts';
import { DEFAULT_EPOCHS, checkFitInput } from './fit-options.ts';

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Trains with Adam on minibatches. Every `logEvery` steps the terms are read back and checked:
 * a non-finite loss or gradient ends the run as `diverged` with the step, instead of a crash.
 * All tensors of a step live in one `tf.tidy`, so the tensor count stays flat.
 */
export async function fitModel(model: BaseVAE, train: ImageDataset, options: FitOptions = {}): Promise<FitResult> {
  checkFitInput(model, train, options);
  const backend = activeBackend() ?? (await selectBackend('auto'));
  checkLabels(model, train);
  if (options.test) checkLabels(model, options.test);
  const { batchSize, gradientClipNorm, learningRate, seed } = model.config;
  const batch = Math.min(batchSize, train.size);
  const width = model.inputSize;
  const stepsPerEpoch = Math.max(1, Math.floor(train.size / batch));
  const totalSteps = options.steps ?? (options.epochs ?? DEFAULT_EPOCHS) * stepsPerEpoch;
  if (totalSteps > LIMITS.steps.max) {
    throw new ConfigError([{ path: 'epochs', message: `${options.epochs ?? DEFAULT_EPOCHS} epochs of ${stepsPerEpoch} steps are ${totalSteps} steps; ${tooBig(LIMITS.steps)}` }], `${model.variantName}.fit`);
  }
  const logEvery = Math.max(1, options.logEvery ?? 10);
  const binarization = options.binarization ?? defaultBinarization(model);
  const dataRng = createRng(seed + 0x2545f491);
  const order = new Int32Array(train.size).map((_, i) => i);
  const indices = new Int32Array(batch);
  const pixels = new Float32Array(batch * width);
  const optimizer = createClippedAdam(learningRate);
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
      const gradNorm = optimizer.step(grads, gradientClipNorm, read);
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
    if (options.test && options.evalEvery && (step + 1) % options.evalEvery === 0 && step + 1 < totalSteps) {
      options.onEval?.(step, evaluateModel(model, options.test, { maxExamples: options.evalExamples, binarization }));
    }
  }
  optimizer.dispose();
  const seconds = (performance.now() - started) / 1000;
  const test = options.test && status !== 'diverged' ? evaluateModel(model, options.test, { maxExamples: options.evalExamples, binarization }) : undefined;
  if (test) options.onEval?.(step, test);
  return { status, steps: step, divergedAt, seconds, samplesPerSecond: (step * batch) / seconds, backend, lastTerms, test };
}
