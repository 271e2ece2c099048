import { parseArgs } from 'node:util';

/**
 * An error in how the command was called: printed without a stack, one line per line of the
 * message, each as `vaelab <command>: <line>`; exit code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An error the user can act on (bad file, unknown sweep): printed like a UsageError, exit code 1 unless `exitCode` says otherwise. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** One flag of a command. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** One line for `--help`. */
  description: string;
  /** Shown in `--help`; parsing does not apply it (the command does). */
  default?: string | number | boolean;
  multiple?: boolean;
  /**
   * A retired flag: still parsed, so that using it is answered with one line naming the flag
   * that replaced it (and why) rather than "unknown option"; left out of `--help`.
   * @default undefined (a current flag)
   */
  renamedTo?: { flag: string; why: string };
}

/** Parsed flags and positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** A subcommand of `vaelab`. */
export interface Command {
  name: string;
  /** One line for `vaelab --help`. */
  summary: string;
  /** Positional arguments as shown in usage, e.g. `<model-file>`. */
  usage: string;
  options: Record<string, OptionSpec>;
  /** Returns the process exit code. */
  run(args: ParsedArgs): Promise<number>;
}

/** Parses argv strictly: an unknown flag or a missing value is a UsageError. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(command.options).map(([name, spec]) => [
          name,
          { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    for (const [name, spec] of Object.entries(command.options)) {
      if (spec.renamedTo && values[name] !== undefined) {
        throw new UsageError(`--${name}: renamed to --${spec.renamedTo.flag} (${spec.renamedTo.why})`);
      }
    }
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message.replace(/^TypeError.*?: /, ''));
  }
}

/** The lines of an expected error as printed: `vaelab <command>: <line>` each (a line already naming vaelab is kept). */
export function errorLines(command: string, message: string): string {
  return message.split('\n').filter((line) => line.trim() !== '').map((line) => (line.startsWith('vaelab') ? line : `vaelab ${command}: ${line}`)).join('\n');
}

/** Help text of one command. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: vaelab ${command.name} ${command.usage}`.trimEnd(), '', command.summary, ''];
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.renamedTo) continue;
    const flag = `--${name}${spec.type === 'string' ? ' <value>' : ''}`;
    const fallback = spec.default === undefined ? '' : ` (default: ${String(spec.default)})`;
    lines.push(`  ${flag.padEnd(28)} ${spec.description}${fallback}`);
  }
  return lines.join('\n');
}

/**
 * Reads a string flag as an integer within bounds, or throws a UsageError naming the flag;
 * `why` says what lies beyond `max`.
 */
export function intFlag(args: ParsedArgs, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER, why?: string): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  const text = String(raw);
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}${why ? ` (${why})` : ''}`;
    throw new UsageError(`--${name}: must be an integer ${range}, got '${text}'`);
  }
  return value;
}

/** Reads a string flag that must be one of `choices`. */
export function choiceFlag<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  if (!choices.includes(raw as T)) {
    throw new UsageError(`--${name}: must be one of ${choices.join(', ')}, got '${String(raw)}'`);
  }
  return raw as T;
}
