import type { Command } from '../command.ts';

/** Every subcommand of `vaelab`, in the order `--help` lists them. */
export const commands: Command[] = [];
