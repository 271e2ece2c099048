import { BACKEND_CHOICES, BackendUnavailableError, selectBackend } from '@vaelab/core';
import type { BackendChoice, BackendName } from '@vaelab/core';
import { datasetNames, loadDataset } from '@vaelab/datasets';
import type { DatasetName, LoadedDataset, LoadDatasetOptions } from '@vaelab/datasets';
import { UserError, choiceFlag } from './command.ts';
import type { OptionSpec, ParsedArgs } from './command.ts';

/** The flags of every command that reads a dataset and computes on a backend. */
export const DATA_OPTIONS: Record<string, OptionSpec> = {
  dataset: { type: 'string', description: 'mnist, fashion-mnist or dsprites', default: 'mnist' },
  'data-dir': { type: 'string', description: 'folder of IDX files (full MNIST / Fashion-MNIST)' },
  'image-size': { type: 'string', description: 'dSprites image side: 64 or 32', default: 64 },
  backend: { type: 'string', description: BACKEND_CHOICES.join(', '), default: 'auto' },
};

/** The dataset the flags name and how to load it; flag errors are usage errors. */
export function datasetFromFlags(args: ParsedArgs): { name: DatasetName; options: LoadDatasetOptions } {
  const name = choiceFlag(args, 'dataset', datasetNames(), 'mnist') as DatasetName;
  const options: LoadDatasetOptions = { size: Number(choiceFlag(args, 'image-size', ['64', '32'] as const, '64')) as 64 | 32 };
  if (args.values['data-dir'] !== undefined) options.dir = String(args.values['data-dir']);
  return { name, options };
}

/** Loads a dataset; a missing or corrupt file is a UserError (exit 2) with the loader's message. */
export function loadDatasetOrExit(name: DatasetName, options: LoadDatasetOptions): LoadedDataset {
  try {
    return loadDataset(name, options);
  } catch (error) {
    throw new UserError((error as Error).message, 2);
  }
}

/** Reads `--backend`; call before any work so that a bad value is reported first. */
export function backendFromFlags(args: ParsedArgs): BackendChoice {
  return choiceFlag(args, 'backend', BACKEND_CHOICES, 'auto') as BackendChoice;
}

/** Selects the backend; an explicit choice that cannot load is a UserError (exit 2). */
export async function selectBackendOrExit(choice: BackendChoice): Promise<BackendName> {
  try {
    return await selectBackend(choice);
  } catch (error) {
    if (error instanceof BackendUnavailableError) throw new UserError(error.message, 2);
    throw error;
  }
}
