import { displayPath } from '@vaelab/experiments/paths';
import { mergeStores } from '@vaelab/tracking';
import { UsageError } from '../command.ts';
import type { Command, ParsedArgs } from '../command.ts';
import { commandSummaries } from './summaries.ts';
import { asUserError } from '../store-access.ts';

/** `vaelab merge`: unions stores (one per shard) into one. */
export const mergeCommand: Command = {
  name: 'merge',
  summary: commandSummaries.merge,
  usage: '<store.sqlite>... --into <all.sqlite>',
  options: {
    into: { type: 'string', description: 'Store to merge into (created when missing)' },
  },
  async run(args: ParsedArgs): Promise<number> {
    const into = args.values.into as string | undefined;
    if (into === undefined) throw new UsageError('vaelab merge: --into <store> is required');
    if (args.positionals.length === 0) throw new UsageError('vaelab merge: give at least one store to merge');
    let result;
    try {
      result = mergeStores(args.positionals, into);
    } catch (error) {
      throw asUserError(error);
    }
    console.log(`merged ${args.positionals.length} store(s) into ${displayPath(result.into)}: ${result.added} runs added, ${result.replaced} replaced by a further-along copy, ${result.kept} already present`);
    return 0;
  },
};
