import { UsageError, UserError, commandHelp, errorLines, parseCommandArgs } from './command.ts';
import type { Command } from './command.ts';
import { commands } from './commands/index.ts';

function topHelp(): string {
  const lines = ['Usage: vaelab <command> [options]', '', 'Commands:'];
  for (const command of commands) lines.push(`  ${command.name.padEnd(10)} ${command.summary}`);
  lines.push('', "Run 'vaelab <command> --help' for a command's options.");
  return lines.join('\n');
}

/** Runs the CLI and returns the exit code; errors the user can act on are printed without a stack. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(topHelp());
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    console.error(`vaelab: unknown command '${name}'; the commands are ${commands.map((c) => c.name).join(', ')} ('vaelab --help' describes them)`);
    return 2;
  }
  const command: Command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(parseCommandArgs(command, rest));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(errorLines(command.name, error.message));
      return 2;
    }
    if (error instanceof UserError) {
      console.error(errorLines(command.name, error.message));
      return error.exitCode;
    }
    console.error(`vaelab ${command.name}: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
