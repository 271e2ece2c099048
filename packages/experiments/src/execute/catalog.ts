import { datasetNames as registeredDatasets } from '@vaelab/datasets';
import { VARIANTS } from '../variants/registry.ts';
import type { ZodTypeAny } from 'zod';
import { parseWithIssues, trainingConfigSchema } from '@vaelab/core';
import type { VariantDescriptor } from '@vaelab/core';
import type { ParamIssue, VariantCatalog } from '../sweep/catalog.ts';
import { runOptionsSchema, splitParams } from './run-options.ts';

/** Fields the executor fills in from the dataset and the run, which a sweep must not set. */
const DERIVED_FIELDS = ['inputShape', 'seed', 'numClasses'];

/** The problems of `input` against `schema`, in the wording of every config error. */
function issuesOf(schema: ZodTypeAny, input: unknown): ParamIssue[] {
  const result = parseWithIssues(schema, input);
  return 'issues' in result ? result.issues : [];
}

/** Validates one run's parameters: run options against their schema, the rest against the variant's config schema. */
function validatorFor(entry: VariantDescriptor): (params: Record<string, unknown>) => ParamIssue[] {
  return (params) => {
    const { options, config } = splitParams(params as Record<string, never>);
    const issues: ParamIssue[] = issuesOf(runOptionsSchema.strict(), options);
    for (const field of DERIVED_FIELDS) {
      if (field in config) issues.push({ path: field, message: 'is set by the run (from the dataset and seeds); remove it' });
      delete config[field];
    }
    issues.push(...issuesOf(entry.schema.strict(), entry.needsLabels ? { numClasses: 10, ...config } : config));
    return issues;
  };
}

/** Steps x batch size of one run, the batch size from the parameters or the variant's default; undefined when it trains by epochs. */
function trainingSamplesFor(entry: VariantDescriptor): (params: Record<string, unknown>) => number | undefined {
  return (params) => {
    const { options, config } = splitParams(params as Record<string, never>);
    if (typeof options.steps !== 'number') return undefined;
    const parsed = entry.schema.safeParse(entry.needsLabels ? { numClasses: 10, ...config } : config);
    const modelBatch = parsed.success ? (parsed.data as { batchSize?: unknown }).batchSize : undefined;
    // The batch size given, else the variant's default, else the training config's.
    const batchSize = [options.batchSize, config.batchSize, modelBatch].find((b) => typeof b === 'number') ?? trainingConfigSchema.shape.batchSize.parse(undefined);
    return options.steps * Number(batchSize);
  };
}

/** Variants the `vaelab sweep` command validates sweep files against: the registration list. */
export const variantCatalog: VariantCatalog = Object.fromEntries(
  VARIANTS.map((entry) => [entry.name, { validate: validatorFor(entry), trainingSamples: trainingSamplesFor(entry) }]),
);

/** Dataset names sweep files may use. */
export const datasetNames: readonly string[] = registeredDatasets();
