/**
 * The one-line description of each subcommand, read by `vaelab --help` without loading the
 * command (and what it imports) and by the command's own `--help`. The order is `--help`'s.
 */
export const commandSummaries = {
  train: 'Train one model and print its held-out ELBO, reconstruction and KL',
  eval: 'Measure a saved model: posterior collapse, sample quality and (dSprites) disentanglement',
  sweep: 'Run a sweep file: expand its runs, skip finished ones, train the rest in worker processes',
  runs: 'List the runs in the experiment store, with status, varying parameters and summaries',
  merge: 'Merge experiment stores (e.g. one per shard) into one; merging again changes nothing',
  report: 'Render self-contained HTML reports (every sweep and an index, or one sweep) from the experiment store',
} as const;

/** The name of a subcommand. */
export type CommandName = keyof typeof commandSummaries;
