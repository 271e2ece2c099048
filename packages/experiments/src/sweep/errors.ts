import { formatIssues } from '@vaelab/core';
import type { FieldIssue } from '@vaelab/core';

/** One problem in a sweep definition; `path` is a field path like `grid.beta[2]`, empty for the file as a whole. */
export type SweepIssue = FieldIssue;

/** A sweep file that cannot be used; the message names the file and each field: `experiments/beta.ts: grid.beta[2]: must be >= 0, got -1`. */
export class SweepError extends Error {
  override readonly name = 'SweepError';
  constructor(
    /** The file as shown to the user. */
    readonly file: string,
    readonly issues: readonly SweepIssue[],
  ) {
    super(formatIssues(file, issues));
  }
}
