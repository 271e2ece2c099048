import type { Command } from '../command.ts';
import { evalCommand } from './eval.ts';
import { mergeCommand } from './merge.ts';
import { reportCommand } from './report.ts';
import { runsCommand } from './runs.ts';
import { sweepCommand } from './sweep.ts';
import { trainCommand } from './train.ts';

/** Every subcommand of `vaelab`, in the order `--help` lists them. */
export const commands: Command[] = [trainCommand, evalCommand, sweepCommand, runsCommand, mergeCommand, reportCommand];
