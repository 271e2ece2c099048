import { vi } from 'vitest';
import { UsageError, UserError, parseCommandArgs } from '@vaelab/cli';
import type { Command } from '@vaelab/cli';

/**
 * Runs one command in-process for a test, as `main` would: its console output captured, a
 * UserError or UsageError turned into its exit code and message.
 */
export async function runCommand(command: Command, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  try {
    return { code: await command.run(parseCommandArgs(command, argv)), out: out.join('\n'), err: '' };
  } catch (thrown) {
    if (thrown instanceof UserError) return { code: thrown.exitCode, out: '', err: thrown.message };
    if (thrown instanceof UsageError) return { code: 2, out: '', err: thrown.message };
    throw thrown;
  } finally {
    log.mockRestore();
  }
}
