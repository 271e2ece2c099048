import { expect } from 'vitest';

/**
 * The message `run` is refused with, or 'ok' when it returns: the thrown error must be a `kind`
 * (a config or sweep error, not a crash), so a test can compare the one line a user reads.
 */
export function refusal(run: () => unknown, kind: abstract new (...args: never[]) => Error): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return (error as Error).message;
  }
}
