import { resolve } from 'node:path';
import { defaultStorePath, displayPath } from '@vaelab/experiments/paths';
import { FileWriteError } from '@vaelab/core/files';
import type { ExperimentStore } from '@vaelab/tracking';
import { EmptyStoreError, UnknownSweepError, renderReports } from '@vaelab/reports';
import { UsageError, UserError, intFlag } from '../command.ts';
import type { Command, OptionSpec, ParsedArgs } from '../command.ts';
import { commandSummaries } from './summaries.ts';
import { asUserError, openStoreFor } from '../store-access.ts';
import type { AfterSweepHook } from './sweep.ts';

/** `--out` of the commands that render pages (`report`, and `sweep` after a session). */
export const pagesDirOption: OptionSpec = { type: 'string', short: 'o', description: 'Directory to write the pages to', default: 'reports/ for the default store, <store>-reports/ next to any other' };

/** `vaelab report`: renders HTML reports from the experiment store. */
export const reportCommand: Command = {
  name: 'report',
  summary: commandSummaries.report,
  usage: '[sweep]',
  options: {
    out: pagesDirOption,
    db: { type: 'string', short: 'd', description: 'Store file', default: '.vaelab/runs.sqlite' },
    'explorer-run': { type: 'string', description: 'Run id whose decoder the latent explorer embeds (with a sweep name)', default: 'first completed run' },
  },
  async run(args: ParsedArgs): Promise<number> {
    if (args.positionals.length > 1) throw new UsageError('vaelab report: give at most one sweep name');
    const sweep = args.positionals[0];
    if (args.values['explorer-run'] !== undefined && sweep === undefined) throw new UsageError('vaelab report: --explorer-run needs a sweep name');
    const explorerRun = args.values['explorer-run'] === undefined ? undefined : intFlag(args, 'explorer-run', 0, 1);
    const path = args.values.db === undefined ? defaultStorePath() : resolve(String(args.values.db));
    const store = openStoreFor(path, { readonly: true });
    try {
      const written = renderReports(store, {
        ...(args.values.out === undefined ? {} : { outDir: resolve(String(args.values.out)) }),
        ...(sweep === undefined ? {} : { sweep }),
        ...(explorerRun === undefined ? {} : { explorerRun }),
      });
      for (const file of written) console.log(displayPath(file));
    } catch (error) {
      if (error instanceof EmptyStoreError || error instanceof UnknownSweepError) throw new UserError(error.message, 2);
      if (error instanceof FileWriteError) throw new UserError(error.message, 1);
      throw asUserError(error);
    } finally {
      store.close();
    }
    return 0;
  },
};

/**
 * The hook `vaelab sweep` runs after a session: renders that sweep's page and the index of its
 * store into `--out`, else next to the store (`reports/` for the default store). A rendering
 * error is reported, not fatal.
 */
export const reportAfterSweep: AfterSweepHook = ({ sweep, storePath, outDir }) => {
  let store: ExperimentStore | undefined;
  try {
    store = openStoreFor(storePath, { readonly: true });
    const written = renderReports(store, { sweep: sweep.definition.name, index: true, ...(outDir === undefined ? {} : { outDir }) });
    console.log(`report: ${displayPath(written[0])}`);
  } catch (error) {
    console.error(`vaelab sweep: the report could not be rendered: ${(error as Error).message}`);
  } finally {
    store?.close();
  }
};
