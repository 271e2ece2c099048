import type { Command } from '../command.ts';
import { commandSummaries } from './summaries.ts';
import type { CommandName } from './summaries.ts';

/** A subcommand as `vaelab --help` lists it, with its module loaded only when it runs. */
export interface CommandEntry {
  name: CommandName;
  /** One line for `vaelab --help`. */
  summary: string;
  /** Imports the command's module. */
  load(): Promise<Command>;
}

// Dynamic imports, so that `vaelab report`, `runs` and `merge` never load TensorFlow.js and the
// variants that `train`, `eval` and `sweep` need: a page renders in a fraction of a second
// instead of waiting for the trainer to load.
const loaders: Record<CommandName, () => Promise<Command>> = {
  train: async () => (await import('./train.ts')).trainCommand,
  eval: async () => (await import('./eval.ts')).evalCommand,
  sweep: async () => (await import('./sweep.ts')).sweepCommand,
  runs: async () => (await import('./runs.ts')).runsCommand,
  merge: async () => (await import('./merge.ts')).mergeCommand,
  report: async () => (await import('./report.ts')).reportCommand,
};

/** Every subcommand of `vaelab`, in the order `--help` lists them. */
export const commands: readonly CommandEntry[] = (Object.keys(loaders) as CommandName[]).map((name) => ({
  name,
  summary: commandSummaries[name],
  load: loaders[name],
}));
