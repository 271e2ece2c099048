import { spawnSync } from 'node:child_process';

/** What a finished command printed and how it exited. */
export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** A command that exited other than expected; its message names the command and shows its output's tail. */
export class CommandFailed extends Error {}

/**
 * Runs a command to completion (no shell), with a timeout. Throws `CommandFailed` unless it exits
 * with `expect` (default 0).
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; expect?: number },
): CommandResult {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const outcome: CommandResult = {
    status: result.status ?? -1,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    seconds: (performance.now() - started) / 1000,
  };
  const expected = options.expect ?? 0;
  if (result.error || outcome.status !== expected) {
    const why = result.error ? result.error.message : `exit code ${outcome.status}${result.signal ? ` (${result.signal})` : ''}, expected ${expected}`;
    const tail = `${outcome.stdout}\n${outcome.stderr}`.trim().split('\n').slice(-25).join('\n');
    throw new CommandFailed(`\`${[command, ...args].join(' ')}\` in ${options.cwd}: ${why}\n${tail}`);
  }
  return outcome;
}
