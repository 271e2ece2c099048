/** A problem with one parameter value: `path` starts with the parameter name (`beta`, `layers[1]`). */
export interface ParamIssue {
  path: string;
  message: string;
  /** The parameter still works under an old name: a notice for the user, not an error. @default false */
  deprecated?: boolean;
}

/** How sweep validation checks a variant's parameters. */
export interface VariantEntry {
  /** Returns the problems of one run's merged parameters; empty when they are valid. */
  validate(params: Record<string, unknown>): ParamIssue[];
  /**
   * Training examples one run with these (valid) parameters sees, steps x batch size, for the dry
   * run's time estimate; undefined when it trains by epochs. @default unknown for every run
   */
  trainingSamples?(params: Record<string, unknown>): number | undefined;
}

/** Variants by name. Parameter validation of a sweep is delegated to these entries. */
export type VariantCatalog = Record<string, VariantEntry>;
