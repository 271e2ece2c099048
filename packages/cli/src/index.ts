export { main } from './main.ts';
export { UsageError, UserError, commandHelp, parseCommandArgs } from './command.ts';
export type { Command, OptionSpec, ParsedArgs } from './command.ts';
