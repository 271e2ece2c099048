import { applyFlag } from '@vaelab/core';
import type { VariantDescriptor, VariantFlag } from '@vaelab/core';
import { UsageError } from './command.ts';
import { readFlagText } from './config-flags.ts';
import type { OptionSpec, ParsedArgs } from './command.ts';

/**
 * The flags of the variants' own config fields, in one place: declared from the descriptors,
 * read by each flag's kind, applied to the chosen variant's partial config. Names, help texts
 * and defaults come from the variant schemas (see `defineVariant` in @vaelab/core).
 */

const show = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));

function helpOf(variant: VariantDescriptor, flag: VariantFlag): string {
  const fallback = flag.default === undefined || flag.default === null ? '' : `, default ${show(flag.default)}`;
  return `${flag.description} (${variant.name}${fallback})`;
}

/** One option per flag name; a name several variants share lists each variant's meaning. */
export function variantFlagOptions(variants: readonly VariantDescriptor[]): Record<string, OptionSpec> {
  const help = new Map<string, { kind: VariantFlag['kind']; lines: string[] }>();
  for (const variant of variants) {
    for (const flag of variant.flags) {
      const entry = help.get(flag.name) ?? { kind: flag.kind, lines: [] };
      entry.lines.push(helpOf(variant, flag));
      help.set(flag.name, entry);
    }
  }
  return Object.fromEntries([...help].map(([name, { kind, lines }]) => [name, { type: kind === 'boolean' ? 'boolean' : 'string', description: lines.join('; ') }]));
}

function readFlag(args: ParsedArgs, flag: VariantFlag): unknown {
  const raw = args.values[flag.name];
  // Booleans are parsed by parseArgs; every other kind is read like the shared-field flags.
  if (flag.kind === 'boolean') return raw === true;
  return readFlagText(flag.name, flag.kind, String(raw), flag.choices);
}

/**
 * Sets every given variant flag on `config`. A flag of another variant is a usage error naming
 * the variants it belongs to; values are checked by kind here and by the schema when the model
 * is built.
 */
export function applyVariantFlags(args: ParsedArgs, variant: VariantDescriptor, variants: readonly VariantDescriptor[], config: Record<string, unknown>): void {
  const own = new Map(variant.flags.map((flag) => [flag.name, flag]));
  for (const other of variants) {
    for (const flag of other.flags) {
      if (args.values[flag.name] === undefined || own.has(flag.name)) continue;
      const owners = variants.filter((v) => v.flags.some((f) => f.name === flag.name)).map((v) => v.name);
      throw new UsageError(`--${flag.name}: applies to --variant ${owners.join(' or ')}, not ${variant.name}`);
    }
  }
  for (const flag of own.values()) {
    if (args.values[flag.name] !== undefined) applyFlag(config, flag, readFlag(args, flag));
  }
}
