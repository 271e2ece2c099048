import { z } from 'zod';
import type { ParamValue } from './define.ts';

const jsonValue: z.ZodType<ParamValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number().finite({ message: 'must be a finite number' }),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(jsonValue),
  ], { errorMap: () => ({ message: 'must be a JSON value (string, finite number, boolean, null, list or object)' }) }),
);

const nonEmptyValues = z.array(jsonValue, { invalid_type_error: 'must be a list of values' }).min(1, 'must list at least one value');
const int = (what: string) => z.number({ invalid_type_error: `must be ${what}` }).int(`must be ${what}`);
const range = (what: string, item: z.ZodNumber) =>
  z.tuple([item, item], { invalid_type_error: `must be [min, max] ${what}` })
    .refine(([a, b]) => a <= b, { message: 'min must not exceed max' });

const dimension = z.union([
  range('numbers', z.number().finite()),
  z.object({ logUniform: range('of positive numbers', z.number().positive('must be > 0')) }).strict(),
  z.object({ intUniform: range('of integers', z.number().int('must be an integer')) }).strict(),
  z.object({ choices: nonEmptyValues }).strict(),
  nonEmptyValues,
], { errorMap: () => ({ message: 'must be [min, max], { logUniform: [a, b] }, { intUniform: [a, b] } or a list of choices' }) });

const seeds = z.union([
  int('a positive integer').positive('must be a positive integer'),
  z.array(int('an integer').nonnegative('must be >= 0')).min(1, 'must list at least one seed')
    .refine((list) => new Set(list).size === list.length, 'must not repeat a seed'),
], { errorMap: () => ({ message: 'must be a seed count or a list of integer seeds' }) });

const names = (what: string) => z.array(z.string().min(1, `must be a ${what} name`), { invalid_type_error: `must be a list of ${what} names` });

/** What a profile may override. */
export const sweepBodySchema = z.object({
  variants: names('variant').min(1, 'must list at least one variant').optional(),
  base: z.record(jsonValue, { invalid_type_error: 'must be an object of parameters' }).optional(),
  grid: z.record(nonEmptyValues, { invalid_type_error: 'must be an object of value lists' }).optional(),
  zip: z.record(nonEmptyValues, { invalid_type_error: 'must be an object of value lists' }).optional(),
  random: z.object({
    count: int('a positive integer').positive('must be a positive integer'),
    seed: int('an integer').optional(),
    space: z.record(dimension, { invalid_type_error: 'must be an object of parameter ranges' }),
  }).strict().optional(),
  seeds: seeds.optional(),
  metrics: names('metric group').optional(),
}).strict();

/** The whole sweep file definition (structure only; names and parameters are checked after). */
export const sweepDefinitionSchema = sweepBodySchema.extend({
  name: z.string({ required_error: 'is required' }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "-" or "_"'),
  description: z.string().optional(),
  dataset: z.string({ required_error: 'is required' }).min(1, 'must be a dataset name'),
  variants: names('variant').min(1, 'must list at least one variant'),
  profiles: z.record(sweepBodySchema).optional(),
}).strict();

/** `['grid', 'beta', 2]` → `grid.beta[2]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** Zod's issues as `{ path, message }`, with the offending value where it helps. */
export function zodIssues(error: z.ZodError, input: unknown): { path: string; message: string }[] {
  return error.issues.map((issue) => {
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    else if (issue.code === 'invalid_type' && issue.received === 'undefined') message = 'is required';
    else {
      const value = valueAt(input, issue.path);
      if (value !== undefined && typeof value !== 'object') message += `, got ${JSON.stringify(value)}`;
    }
    return { path: formatPath(issue.path), message };
  });
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}
