import { baseVaeConfigSchema, formatValue } from '@vaelab/core';
import type { FieldIssue, VariantDescriptor } from '@vaelab/core';
import { UsageError } from './command.ts';
import type { OptionSpec, ParsedArgs } from './command.ts';

/**
 * The flags of the model-config fields every variant shares (the training config's flags are
 * training-flags.ts'). Each names a field of the base schema;
 * its help text is the field's `.describe()` text and its default is read from each variant's
 * schema, so nothing here restates a default. A flag the user leaves out is left out of the
 * partial config, and the chosen variant's schema fills it in.
 */

/** How a flag's text becomes a value. */
export type FlagKind = 'integer' | 'number' | 'numbers' | 'choice';

/** A flag of a shared config field. */
export interface ConfigFlag {
  /** Flag name without the dashes. */
  name: string;
  /** The config field it sets. */
  path: readonly string[];
  kind: FlagKind;
  choices?: readonly string[];
  /** What the flag does when it is not simply the field's value. */
  note?: string;
}

/** The shared-field flags of `vaelab train`. */
export const CONFIG_FLAGS: readonly ConfigFlag[] = [
  { name: 'latent-dim', path: ['latentDim'], kind: 'integer' },
  { name: 'arch', path: ['architecture', 'kind'], kind: 'choice', choices: ['mlp', 'conv'] },
  { name: 'hidden', path: ['architecture', 'hidden'], kind: 'numbers' },
  { name: 'activation', path: ['activation'], kind: 'choice', choices: baseVaeConfigSchema.shape.activation.removeDefault().options },
  { name: 'likelihood', path: ['likelihood'], kind: 'choice', choices: baseVaeConfigSchema.shape.likelihood.removeDefault().options },
  { name: 'free-bits', path: ['freeBits'], kind: 'number' },
  { name: 'kl-warmup', path: ['klSchedule', 'steps'], kind: 'integer', note: "a linear warm-up over this many steps: klSchedule { kind: 'linear', steps }" },
  { name: 'seed', path: ['seed'], kind: 'integer' },
];

/** Reads a flag's text by its kind; text that is not of that kind is a UsageError worded like every other input error. */
export function readFlagText(name: string, kind: FlagKind, raw: string, choices: readonly string[] = []): unknown {
  const text = raw.trim();
  const refuse = (what: string): never => {
    throw new UsageError(`--${name}: must be ${what}, got '${raw}'`);
  };
  // Number() reads '1e9', '0x10' and 'Infinity' as a user means them; the schema then bounds them.
  const what = { integer: 'an integer', number: 'a number', numbers: 'comma-separated numbers', choice: '' }[kind];
  const number = (part: string): number => (part === '' || Number.isNaN(Number(part)) ? refuse(what) : Number(part));
  switch (kind) {
    case 'integer':
    case 'number':
      return number(text);
    case 'numbers':
      return text.split(',').map((part) => number(part.trim()));
    case 'choice':
      return choices.includes(text) ? text : refuse(`one of ${choices.join(', ')}`);
  }
}

/** The schema of a field by its path, inside object and default wrappers. */
function fieldAt(schema: VariantDescriptor['schema'], path: readonly string[]): unknown {
  let value: unknown = schema.safeParse({}).success ? schema.parse({}) : undefined;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** The description of a base-schema field: the `.describe()` text of the field or, for a nested one, of the field itself. */
function descriptionOf(path: readonly string[]): string {
  const top = baseVaeConfigSchema.shape[path[0] as keyof typeof baseVaeConfigSchema.shape];
  if (path.length === 1 || path[1] === 'kind') return top.description ?? path.join('.');
  // architecture.hidden lives in the mlp branch of the architecture union.
  for (const option of baseVaeConfigSchema.shape.architecture.removeDefault().options) {
    const field = (option.shape as Record<string, { description?: string } | undefined>)[path[1]];
    if (field?.description) return field.description;
  }
  return top.description ?? path.join('.');
}

const show = (value: unknown): string => (Array.isArray(value) ? value.join(',') : value === null ? 'off' : typeof value === 'object' ? formatValue(value) : String(value));

/**
 * The default of a flag as the schemas have it: the plain VAE's, then each variant whose
 * schema differs (`400; hvae: 200,200`). A flag whose field the default leaves unset shows the
 * field that holds it instead (`--kl-warmup`: the default klSchedule).
 */
export function defaultOf(flag: ConfigFlag, variants: readonly VariantDescriptor[]): string {
  const per = variants.map((variant) => {
    let path = flag.path;
    let value = fieldAt(variant.schema, path);
    while (value === undefined && path.length > 1) {
      path = path.slice(0, -1);
      value = fieldAt(variant.schema, path);
    }
    const shown = value === undefined ? 'derived from its other fields' : show(value);
    return { variant: variant.name, text: path.length < flag.path.length ? `${path.join('.')} ${shown}` : shown };
  });
  const usual = per[0]?.text ?? '';
  const others = per.slice(1).filter((p) => p.text !== usual).map((p) => `${p.variant}: ${p.text}`);
  return [usual, ...others].join('; ');
}

/** `--help` entries of the shared-field flags, with the schemas' descriptions and defaults. */
export function configFlagOptions(variants: readonly VariantDescriptor[]): Record<string, OptionSpec> {
  return Object.fromEntries(CONFIG_FLAGS.map((flag) => [flag.name, {
    type: 'string' as const,
    description: [
      descriptionOf(flag.path),
      flag.note ? `: ${flag.note}` : '',
      // Choices the description does not already name.
      flag.choices && !flag.choices.every((c) => descriptionOf(flag.path).includes(c)) ? ` (${flag.choices.join(', ')})` : '',
    ].join(''),
    default: defaultOf(flag, variants),
  }]));
}

/** Sets the shared-field flags the user gave on `config`; the rest stay unset for the schema to fill. */
export function applyConfigFlags(args: ParsedArgs, config: Record<string, unknown>): void {
  for (const flag of CONFIG_FLAGS) {
    const raw = args.values[flag.name];
    if (raw === undefined) continue;
    const value = readFlagText(flag.name, flag.kind, String(raw), flag.choices);
    if (flag.name === 'hidden' && (config.architecture as { kind?: string } | undefined)?.kind === 'conv') {
      throw new UsageError('--hidden: sets the MLP hidden sizes and applies to --arch mlp, not conv');
    }
    if (flag.name === 'kl-warmup') config.klSchedule = { kind: 'linear', steps: value };
    else if (flag.path[0] === 'architecture') {
      const current = (config.architecture ?? {}) as Record<string, unknown>;
      config.architecture = { kind: 'mlp', ...current, [flag.path[1]]: value };
    } else config[flag.path[0]] = value;
  }
}

/**
 * Renames the issues of a config built from flags to the flags that set them
 * (`latentDim` -> `--latent-dim`, `capacity.max` -> `--capacity-max`); other fields keep their path.
 */
export function issuesByFlag(issues: readonly FieldIssue[], variant: VariantDescriptor): FieldIssue[] {
  const byPath = new Map<string, string>([
    ...CONFIG_FLAGS.map((flag) => [flag.path.join('.'), flag.name] as const),
    ['klSchedule', 'kl-warmup'],
    ['architecture', 'arch'],
    ...variant.flags.map((flag) => [flag.path.join('.'), flag.name] as const),
  ]);
  return issues.map((issue) => {
    // The longest known prefix names the flag: `architecture.hidden[1]` -> --hidden.
    const parts = issue.path.replace(/\[\d+\]/g, '').split('.');
    for (let n = parts.length; n > 0; n--) {
      const flag = byPath.get(parts.slice(0, n).join('.'));
      if (flag) return { path: `--${flag}`, message: issue.message };
    }
    return issue;
  });
}
