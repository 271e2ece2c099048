import type { VariantCatalog } from '../sweep/catalog.ts';

/**
 * Variants the `vaelab sweep` command validates sweep files against. The variant packages
 * register their parameter validators here; until then the catalog is empty and every variant
 * name is reported unknown.
 */
export const variantCatalog: VariantCatalog = {};

/** Dataset names sweep files may use. Empty until the datasets are registered. */
export const datasetNames: readonly string[] = [];
