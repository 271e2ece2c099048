import { z } from 'zod';
import { baseVaeConfigSchema } from './config.ts';
import { decodeCheckpoint, restoreModel } from './checkpoint.ts';
import type { BaseVAE } from './model.ts';

/**
 * One command-line flag of a variant, derived from a field of its config schema: the name is
 * the field's path in kebab case (`capacity.max` -> `capacity-max`), the description is the
 * field's `.describe()` text and the default is the schema's.
 */
export interface VariantFlag {
  /** Flag name without the dashes, e.g. `beta`, `capacity-max`. */
  name: string;
  /** Config field the flag sets, e.g. `['capacity', 'max']`. */
  path: readonly string[];
  /** The field's `.describe()` text. */
  description: string;
  /** How the flag's text is read: one number, one integer, comma-separated numbers, one of `choices`, true/false. */
  kind: 'number' | 'integer' | 'numbers' | 'choice' | 'boolean';
  /** Allowed values of a `choice` flag. */
  choices?: readonly string[];
  /** The schema's default, for help texts; undefined when the field has none. */
  default?: unknown;
}

/**
 * Everything the command line, the sweep runner and checkpoint loading need to know about one
 * variant. Each variant package exports exactly one, built with {@link defineVariant}.
 */
export interface VariantDescriptor<M extends BaseVAE = BaseVAE> {
  /** The name used in `--variant`, sweep files and checkpoints. */
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  /** The paper the variant implements. */
  readonly citation: string;
  /** The full config schema: the base fields plus the variant's own. */
  readonly schema: z.ZodObject<z.ZodRawShape>;
  /** Whether training needs class labels (conditional models). */
  readonly needsLabels: boolean;
  /** Flags of the variant's own config fields (the shared fields are the command's). */
  readonly flags: readonly VariantFlag[];
  /** Builds a model from a partial config; invalid fields throw a `ConfigError` naming them. */
  create(config?: Record<string, unknown>): M;
  /** Rebuilds a model from checkpoint bytes (`toBytes()` or a saved file); `source` names it in errors. */
  load(bytes: Uint8Array, source?: string): M;
}

/** What a variant package states; the rest of its descriptor is derived. */
export interface VariantDefinition<M extends BaseVAE> {
  name: string;
  description: string;
  citation: string;
  schema: z.ZodObject<z.ZodRawShape>;
  create(config: Record<string, unknown>): M;
  /** @default false */
  needsLabels?: boolean;
  /** Flag names that differ from the derived ones, by config path: `{ 'capacity.gamma': 'gamma' }`. @default {} */
  flagNames?: Record<string, string>;
  /** Own fields that get no flag because the run sets them (e.g. the CVAE's class count, from the dataset). @default [] */
  derivedFields?: string[];
}

const BASE_FIELDS = new Set(Object.keys(baseVaeConfigSchema.shape));

const kebab = (path: readonly string[]): string => path.map((p) => p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join('-');

/** Strips default/optional/nullable/refinement wrappers, keeping the first description and default met. */
function unwrap(schema: z.ZodTypeAny): { inner: z.ZodTypeAny; description?: string; fallback?: unknown } {
  let inner = schema;
  let description = schema.description;
  let fallback: unknown;
  for (;;) {
    description ??= inner.description;
    if (inner instanceof z.ZodDefault) {
      fallback ??= inner._def.defaultValue();
      inner = inner._def.innerType;
    } else if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap();
    else if (inner instanceof z.ZodEffects) inner = inner.innerType();
    else return { inner, description, fallback };
  }
}

function flagsOf(shape: z.ZodRawShape, prefix: string[], names: Record<string, string>, variant: string): VariantFlag[] {
  const flags: VariantFlag[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const path = [...prefix, key];
    const { inner, description, fallback } = unwrap(field);
    if (inner instanceof z.ZodObject) {
      flags.push(...flagsOf(inner.shape as z.ZodRawShape, path, names, variant));
      continue;
    }
    let kind: VariantFlag['kind'] | undefined;
    let choices: string[] | undefined;
    if (inner instanceof z.ZodNumber) kind = inner.isInt ? 'integer' : 'number';
    else if (inner instanceof z.ZodArray && unwrap(inner.element).inner instanceof z.ZodNumber) kind = 'numbers';
    else if (inner instanceof z.ZodEnum) [kind, choices] = ['choice', [...(inner.options as string[])]];
    else if (inner instanceof z.ZodBoolean) kind = 'boolean';
    if (!kind) continue; // tuples, unions: set through sweep parameters, not flags
    // A flag's help is its field's description: a field without one is a bug of the variant.
    if (!description) throw new Error(`variant '${variant}': config field '${path.join('.')}' needs a .describe() text (it is a command-line flag)`);
    flags.push({ name: names[path.join('.')] ?? kebab(path), path, description, kind, choices, default: fallback });
  }
  return flags;
}

/**
 * Derives the flags of a variant's own config fields: the fields its schema adds to the base
 * schema (nested objects give one flag per field, `capacity.max` -> `--capacity-max`).
 */
export function variantFlags(schema: z.ZodObject<z.ZodRawShape>, flagNames: Record<string, string> = {}, variant = 'variant', derivedFields: readonly string[] = []): VariantFlag[] {
  const own = Object.fromEntries(Object.entries(schema.shape).filter(([key]) => !BASE_FIELDS.has(key) && !derivedFields.includes(key)));
  return flagsOf(own, [], flagNames, variant);
}

/** Sets a flag's value on a partial config, creating nested objects (their other fields then take their defaults). */
export function applyFlag(config: Record<string, unknown>, flag: VariantFlag, value: unknown): void {
  let target = config;
  for (const key of flag.path.slice(0, -1)) {
    const next = target[key];
    target = target[key] = typeof next === 'object' && next !== null ? { ...(next as Record<string, unknown>) } : {};
  }
  target[flag.path[flag.path.length - 1]] = value;
}

/** Builds a variant's descriptor: flags from its schema, `load` from `create` and the checkpoint format. */
export function defineVariant<M extends BaseVAE>(definition: VariantDefinition<M>): VariantDescriptor<M> {
  const { name, create } = definition;
  return {
    name,
    description: definition.description,
    citation: definition.citation,
    schema: definition.schema,
    needsLabels: definition.needsLabels ?? false,
    flags: variantFlags(definition.schema, definition.flagNames, name, definition.derivedFields),
    create: (config = {}) => create(config),
    load: (bytes, source = 'checkpoint') => restoreModel(decodeCheckpoint(bytes, source), name, create, source),
  };
}
