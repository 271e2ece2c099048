import { ConfigError, formatValue, parseTrainingConfig, trainingConfigSchema, variantFlags } from '@vaelab/core';
import type { FieldIssue, TrainingConfig, VariantFlag } from '@vaelab/core';
import { UsageError } from './command.ts';
import type { OptionSpec, ParsedArgs } from './command.ts';
import { readFlagText } from './config-flags.ts';
import type { FlagKind } from './config-flags.ts';

/**
 * The flags of the training config (`--lr`, `--batch-size`, `--clip-norm`, `--steps`,
 * `--epochs`, `--log-every`, `--eval-every`, `--eval-examples`, `--binarization`), derived from
 * core's training-config schema the way a variant's flags are derived from its model config:
 * the name is the field's in kebab case, the help text the field's `.describe()`, the default
 * the one `parseTrainingConfig({})` fills in. Nothing here restates a default.
 */

/** Flag names that differ from the derived ones: the short names users know. */
const FLAG_NAMES: Record<string, string> = { learningRate: 'lr', gradientClipNorm: 'clip-norm' };

/** Every training-config field with its flag. */
export const TRAINING_FLAGS: readonly VariantFlag[] = variantFlags(trainingConfigSchema, FLAG_NAMES, 'training config');

/** The defaults as the schema fills them in, for the help texts. */
const DEFAULTS: Partial<TrainingConfig> = parseTrainingConfig({});

const show = (value: unknown): string => (value === null ? 'off' : Array.isArray(value) ? value.join(',') : typeof value === 'object' ? formatValue(value) : String(value));

/**
 * `--help` entries of the training flags. `notes` adds what a command does beyond the schema
 * (`vaelab train` trains dSprites for a fixed number of steps unless told otherwise).
 */
export function trainingFlagOptions(notes: Partial<Record<keyof TrainingConfig, string>> = {}): Record<string, OptionSpec> {
  return Object.fromEntries(TRAINING_FLAGS.map((flag) => {
    const field = flag.path[0] as keyof TrainingConfig;
    const value = DEFAULTS[field];
    const shown = value === undefined ? undefined : show(value);
    const note = notes[field];
    const fallback = [shown, note].filter(Boolean).join('; ');
    return [flag.name, { type: 'string' as const, description: flag.description, ...(fallback ? { default: fallback } : {}) }];
  }));
}

/** A training-config issue under the flag that sets its field (`learningRate` -> `--lr`). */
export function issueByTrainingFlag(issue: FieldIssue): FieldIssue {
  const flag = TRAINING_FLAGS.find((f) => f.path.join('.') === issue.path.replace(/\[\d+\]$/, ''));
  const message = issue.message.replace(/\bgive steps or epochs\b/, 'give --steps or --epochs');
  return flag ? { path: `--${flag.name}`, message } : { ...issue, message };
}

/**
 * The training config the flags give: the flags the user set, read by their kind and parsed by
 * core's `parseTrainingConfig` (bounds, steps or epochs), every default filled in. A bad value
 * is a {@link UsageError} naming the flag, one line each.
 */
export function trainingConfigFromFlags(args: ParsedArgs, extra: Partial<TrainingConfig> = {}): TrainingConfig {
  const input: Record<string, unknown> = { ...extra };
  for (const flag of TRAINING_FLAGS) {
    const raw = args.values[flag.name];
    if (raw === undefined) continue;
    // The schema's fields are numbers and one enum: kinds readFlagText reads.
    input[flag.path[0]] = readFlagText(flag.name, flag.kind as FlagKind, String(raw), flag.choices);
  }
  try {
    return parseTrainingConfig(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UsageError(error.issues.map(issueByTrainingFlag).map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n'));
  }
}
