import { datasetNames as registeredDatasets } from '@vaelab/datasets';
import { VARIANTS } from '../variants/registry.ts';
import type { ZodTypeAny } from 'zod';
import { ConfigError, parseTrainingConfig, parseWithIssues } from '@vaelab/core';
import type { VariantDescriptor } from '@vaelab/core';
import type { ParamIssue, VariantCatalog } from '../sweep/catalog.ts';
import { RENAMED_RUN_OPTIONS, runOptionsSchema, splitParams } from './run-options.ts';

/** Fields the executor fills in from the dataset and the run, which a sweep must not set. */
const DERIVED_FIELDS = ['inputShape', 'seed', 'numClasses'];

/** The problems of `input` against `schema`, in the wording of every config error. */
function issuesOf(schema: ZodTypeAny, input: unknown): ParamIssue[] {
  const result = parseWithIssues(schema, input);
  return 'issues' in result ? result.issues : [];
}

/** The problems of a partial training config, through core's one parse (bounds, steps or epochs). */
function trainingIssues(training: Record<string, unknown>): ParamIssue[] {
  try {
    parseTrainingConfig(training);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
}

/**
 * Validates one run's parameters: run options against their schema, the training fields
 * through core's training config, the rest against the variant's model config schema. Issue
 * paths are the parameters' names, so the sweep names the definition field each came from.
 */
function validatorFor(entry: VariantDescriptor): (params: Record<string, unknown>) => ParamIssue[] {
  return (params) => {
    const { options, training, config } = splitParams(params as Record<string, never>);
    const issues: ParamIssue[] = [...issuesOf(runOptionsSchema.strict(), options), ...trainingIssues(training)];
    for (const [old, current] of Object.entries(RENAMED_RUN_OPTIONS)) {
      if (old in options) issues.push({ path: old, message: `renamed to ${current}; the old name is still read`, deprecated: true });
    }
    for (const field of DERIVED_FIELDS) {
      if (field in config) issues.push({ path: field, message: 'is set by the run (from the dataset and seeds); remove it' });
      delete config[field];
    }
    issues.push(...issuesOf(entry.schema.strict(), entry.needsLabels ? { numClasses: 10, ...config } : config));
    return issues;
  };
}

/** Steps x batch size of one run, from its training config (defaults filled in); undefined when it trains by epochs or its training parameters are invalid. */
function trainingSamples(params: Record<string, unknown>): number | undefined {
  const { training } = splitParams(params as Record<string, never>);
  try {
    const config = parseTrainingConfig(training);
    return config.steps === undefined ? undefined : config.steps * config.batchSize;
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

/** Variants the `vaelab sweep` command validates sweep files against: the registration list. */
export const variantCatalog: VariantCatalog = Object.fromEntries(
  VARIANTS.map((entry) => [entry.name, { validate: validatorFor(entry), trainingSamples }]),
);

/** Dataset names sweep files may use. */
export const datasetNames: readonly string[] = registeredDatasets();
