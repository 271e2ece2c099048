import { z } from 'zod';

/** One problem with user input: `path` names the field (`architecture.hidden[1]`, `--latent-dim`), empty for the input as a whole. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** `['grid', 'beta', 2]` → `grid.beta[2]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/**
 * A value as the user wrote it: numbers by name (`NaN`, `Infinity`, `1e+300`; JSON would say
 * `null` for the first two), strings quoted, anything long cut short.
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const bound = (inclusive: boolean, strict: string, loose: string): string => (inclusive ? loose : strict);

/**
 * How vaelab words zod's issues where a schema gives no message of its own: short phrases that
 * read after a field name (`latentDim: must be an integer`). A check with its own message (a
 * bound and its reason) keeps that message.
 */
export const issueWording: z.ZodErrorMap = (issue, context) => {
  // A schema's own error map (`invalid_type_error`, a union's `errorMap`) has already worded
  // the issue when its message differs from zod's default one: keep that wording.
  if (context.defaultError !== z.defaultErrorMap(issue, { data: context.data, defaultError: '' }).message) return { message: context.defaultError };
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: 'is required' };
      if (issue.received === 'nan') return { message: 'must be a number' };
      if (issue.expected === 'integer') return { message: 'must be an integer' };
      return { message: `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}` };
    case z.ZodIssueCode.not_finite:
      return { message: 'must be a finite number' };
    case z.ZodIssueCode.too_small:
      if (issue.type === 'array') return { message: `must list at least ${String(issue.minimum)} value${issue.minimum === 1 ? '' : 's'}` };
      if (issue.type === 'string') return { message: 'must not be empty' };
      return { message: `must be ${bound(issue.inclusive, '>', '>=')} ${String(issue.minimum)}` };
    case z.ZodIssueCode.too_big:
      if (issue.type === 'array') return { message: `must list at most ${String(issue.maximum)} values` };
      return { message: `must be ${bound(issue.inclusive, '<', '<=')} ${String(issue.maximum)}` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `must be one of ${issue.options.map(String).join(', ')}` };
    case z.ZodIssueCode.invalid_union_discriminator:
      return { message: `must be one of ${issue.options.map(String).join(', ')}` };
    case z.ZodIssueCode.invalid_literal:
      return { message: `must be ${formatValue(issue.expected)}` };
    case z.ZodIssueCode.not_multiple_of:
      return { message: `must be a multiple of ${String(issue.multipleOf)}` };
    default:
      return { message: context.defaultError };
  }
};

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

/**
 * The issues of a failed parse as `{ path, message }`, worded by {@link issueWording} (parse
 * with `{ errorMap: issueWording }`): one issue per field (the first check that failed), one
 * per unknown field (`latentDimm: unknown field`), and the offending value where the field
 * holds one (`, got NaN`).
 */
export function describeIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    issues.push({ path, message });
  };
  for (const issue of error.issues) {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      for (const key of issue.keys) add(formatPath([...issue.path, key]), 'unknown field');
      continue;
    }
    const value = valueAt(input, issue.path);
    // Objects are described by their fields' issues; an empty list says nothing `got []` would add.
    const plainObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    const shown = issue.path.length > 0 && value !== undefined && !plainObject && !(Array.isArray(value) && value.length === 0);
    add(formatPath(issue.path), shown ? `${issue.message}, got ${formatValue(value)}` : issue.message);
  }
  return issues;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The known name a mistyped one most likely meant: within two edits (or a case slip), else undefined. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = key.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, key);
    if (distance <= 2 && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

/** The keys of an object schema, inside refinements; none for other schemas. */
function objectKeys(schema: z.ZodTypeAny): string[] {
  let inner = schema;
  while (inner instanceof z.ZodEffects) inner = inner.innerType();
  return inner instanceof z.ZodObject ? Object.keys(inner.shape as object) : [];
}

/**
 * Parses `input` with vaelab's wording; returns the data or the issues. An unknown top-level
 * field of an object schema is answered with the field it most likely meant.
 */
export function parseWithIssues<T extends z.ZodTypeAny>(schema: T, input: unknown): { data: z.output<T> } | { issues: FieldIssue[] } {
  const result = schema.safeParse(input, { errorMap: issueWording });
  if (result.success) return { data: result.data as z.output<T> };
  const known = objectKeys(schema);
  return {
    issues: describeIssues(result.error, input).map((issue) => {
      const meant = issue.message === 'unknown field' && !/[.[]/.test(issue.path) ? closestName(issue.path, known) : undefined;
      return meant ? { ...issue, message: `unknown field; did you mean ${meant}?` } : issue;
    }),
  };
}

/**
 * The one wording of every input problem vaelab reports, one line per issue:
 * `<where>: <path>: <message>` (`experiments/beta.ts: grid.beta[2]: must be >= 0, got -1`,
 * `VAE config: latentDim: must be <= 4096 (...), got 1000000000`).
 */
export function formatIssues(where: string, issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${where}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`).join('\n');
}
