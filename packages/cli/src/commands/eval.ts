import { readFile } from 'node:fs/promises';
import { LIMITS, checkLabels, decodeCheckpoint } from '@vaelab/core';
import type { BaseVAE } from '@vaelab/core';
import { VARIANTS, variantByName } from '@vaelab/experiments/variants';
import { MEASURE_BUDGETS, applicableGroups, measure } from '@vaelab/metrics';
import type { LoadedClassifier } from '@vaelab/metrics';
import { UsageError, UserError, choiceFlag, intFlag } from '../command.ts';
import type { Command } from '../command.ts';
import { commandSummaries } from './summaries.ts';
import { DATA_OPTIONS, backendFromFlags, datasetFromFlags, loadDatasetOrExit, selectBackendOrExit } from '../data-flags.ts';

/** Reads a model file; every way it can be wrong is a UserError with exit code 2 naming the file. */
async function loadModel(file: string): Promise<BaseVAE> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: cannot read the model file (${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message})`, 2);
  }
  let variant: string;
  try {
    variant = decodeCheckpoint(bytes, file).variant;
  } catch (error) {
    throw new UserError((error as Error).message, 2);
  }
  if (!VARIANTS.some((v) => v.name === variant)) {
    throw new UserError(`${file}: holds a '${variant}' model; known variants: ${VARIANTS.map((v) => v.name).join(', ')}`, 2);
  }
  try {
    return variantByName(variant).load(bytes, file);
  } catch (error) {
    const message = (error as Error).message;
    throw new UserError(message.startsWith(`${file}:`) ? message : `${file}: ${message}`, 2);
  }
}

/** Which group each summary key belongs to, for the table. */
function groupOf(key: string): 'collapse' | 'quality' | 'disentanglement' {
  if (/^(kl|active_units|mutual_information)(\/|$)/.test(key)) return 'collapse';
  if (/^(log_likelihood|frechet_distance|precision|recall|conditional_accuracy)/.test(key)) return 'quality';
  return 'disentanglement';
}

/** The final summaries by metric group, one aligned `key  value` line each. */
function table(summaries: Record<string, number>): string {
  const lines: string[] = [];
  for (const group of ['collapse', 'quality', 'disentanglement'] as const) {
    const keys = Object.keys(summaries).filter((k) => groupOf(k) === group);
    if (keys.length === 0) continue;
    lines.push(group);
    const width = Math.max(...keys.map((k) => k.length));
    for (const key of keys) {
      const v = summaries[key];
      lines.push(`  ${key.padEnd(width)}  ${Number.isInteger(v) ? String(v) : v.toFixed(4)}`);
    }
  }
  return lines.join('\n');
}

/** `vaelab eval`: every model-level metric that applies to a saved model on a dataset. */
export const evalCommand: Command = {
  name: 'eval',
  summary: commandSummaries.eval,
  usage: '<model-file> [--dataset mnist] [options]',
  options: {
    ...DATA_OPTIONS,
    budget: { type: 'string', description: `sample sizes: quick (IWAE k=${MEASURE_BUDGETS.quick.iwae.k}, ${MEASURE_BUDGETS.quick.qualitySamples} samples) or full (k=${MEASURE_BUDGETS.full.iwae.k}, disentanglement_lib counts)`, default: 'quick' },
    profile: {
      type: 'string', description: 'renamed to --budget',
      renamedTo: { flag: 'budget', why: 'the sample sizes of the metrics; a profile is a sweep file\'s quick or full variant' },
    },
    json: { type: 'boolean', description: 'print one JSON object instead of a table' },
    seed: { type: 'string', description: 'seed of every draw', default: 0 },
    'classifier-dir': { type: 'string', description: 'cache of the feature classifiers', default: '.vaelab/classifiers at the repository root' },
  },
  async run(args) {
    if (args.positionals.length !== 1) throw new UsageError(`vaelab eval takes one model file, got ${args.positionals.length === 0 ? 'none' : args.positionals.join(' ')}`);
    const file = args.positionals[0];
    const { name: datasetName, options } = datasetFromFlags(args);
    const budget = choiceFlag(args, 'budget', ['quick', 'full'] as const, 'quick');
    const backend = backendFromFlags(args);
    const seed = intFlag(args, 'seed', 0, 0, LIMITS.seed.max, LIMITS.seed.why);
    const json = args.values.json === true;
    await selectBackendOrExit(backend);
    const model = await loadModel(file);
    try {
      const split = loadDatasetOrExit(datasetName, options);
      const shape = split.test.shape;
      if (model.config.inputShape.join('x') !== shape.join('x')) {
        throw new UserError(`${file}: the model takes ${model.config.inputShape.join('x')} images, ${split.test.name} has ${shape.join('x')}${datasetName === 'dsprites' ? ' (see --image-size)' : ''}`, 2);
      }
      try {
        checkLabels(model, split.test);
      } catch (error) {
        throw new UserError(`${file}: ${(error as Error).message}`, 2);
      }
      const groups = applicableGroups(split);
      let classifier: LoadedClassifier | undefined;
      const log = (line: string): void => void (json ? process.stderr.write(`${line}\n`) : console.log(line));
      log(`evaluating ${model.variantName} (${file}) on ${split.test.name}, budget ${budget}: ${groups.join(', ')}`);
      const summaries = await measure(model, split, {
        budget, seed,
        ...(args.values['classifier-dir'] === undefined ? {} : { classifierDir: String(args.values['classifier-dir']) }),
        onStage: (stage, at) => {
          log(`  [${at.index + 1}/${at.total}] ${stage}${stage === 'classifier' ? ': loading from the cache, or training it once' : ''}`);
        },
        onClassifier: (loaded) => void (classifier = loaded),
      });
      if (json) {
        console.log(JSON.stringify(summaries));
      } else {
        console.log(table(summaries));
        if (classifier) {
          const accuracy = Object.entries(classifier.accuracy).map(([head, a]) => `${head} ${(100 * a).toFixed(1)}%`).join(', ');
          console.log(`features: ${classifier.key} (${classifier.cached ? 'cached' : 'trained now'}; held-out accuracy ${accuracy}); Fréchet distances are in this classifier's space, not FID`);
        }
      }
      return 0;
    } finally {
      model.dispose();
    }
  },
};
