import { z } from 'zod';
import { LIMITS, boundedInt } from '@vaelab/core';
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

/** Runs one sweep may expand to: each is a training stored in one SQLite file and drawn in one report. */
export const MAX_SWEEP_RUNS = { max: 100_000, why: 'more runs than one store and one report are made for; split the study into several sweeps' };

/** Seeds of one configuration: Locatello et al. 2019 train 50 per configuration. */
const MAX_SEEDS = { max: 10_000, why: 'more seeds per configuration than any study trains; Locatello et al. 2019 use 50' };

const seeds = z.union([
  boundedInt(1, MAX_SEEDS),
  z.array(boundedInt(0, LIMITS.seed)).min(1, 'must list at least one seed')
    .refine((list) => new Set(list).size === list.length, 'must not repeat a seed'),
], { errorMap: () => ({ message: 'must be a seed count or a list of integer seeds' }) });

const names = (what: string) => z.array(z.string().min(1, `must be a ${what} name`), { invalid_type_error: `must be a list of ${what} names` });

const valueLists = z.record(nonEmptyValues, { invalid_type_error: 'must be an object of value lists' });
const params = z.record(jsonValue, { invalid_type_error: 'must be an object of parameters' });

const methodSchema = z.object({
  variant: z.string().min(1, 'must be a variant name').optional(),
  base: params.optional(),
  grid: valueLists.optional(),
}, { invalid_type_error: 'must be an object { variant, base?, grid? }' }).strict();

/** What a profile may override. */
export const sweepBodySchema = z.object({
  variants: names('variant').min(1, 'must list at least one variant').optional(),
  methods: z.record(methodSchema, { invalid_type_error: 'must be an object of methods by name' }).optional(),
  base: params.optional(),
  grid: valueLists.optional(),
  zip: valueLists.optional(),
  random: z.object({
    count: boundedInt(1, MAX_SWEEP_RUNS),
    seed: boundedInt(0, LIMITS.seed).optional(),
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
  profiles: z.record(sweepBodySchema).optional(),
}).strict().superRefine((def, ctx) => {
  if (def.variants === undefined && def.methods === undefined) ctx.addIssue({ code: 'custom', path: ['variants'], message: 'is required (or methods)' });
  if (def.variants !== undefined && def.methods !== undefined) ctx.addIssue({ code: 'custom', path: ['methods'], message: 'give variants or methods, not both' });
});
