import { describe, expect, it } from 'vitest';
import { variantCatalog } from './catalog.ts';
import { measureBudgetOf, splitParams } from './run-options.ts';

describe('measureBudgetOf', () => {
  it('follows the sweep profile of the same name, and measures any other profile quickly', () => {
    expect(measureBudgetOf({}, 'full')).toBe('full');
    expect(measureBudgetOf({}, 'quick')).toBe('quick');
    expect(measureBudgetOf({}, 'paper-grid')).toBe('quick');
  });

  it('takes measureBudget over the profile, and over its earlier name metricsProfile', () => {
    expect(measureBudgetOf({ measureBudget: 'full' }, 'quick')).toBe('full');
    expect(measureBudgetOf({ measureBudget: 'quick' }, 'full')).toBe('quick');
    expect(measureBudgetOf({ metricsProfile: 'full' }, 'quick')).toBe('full');
    expect(measureBudgetOf({ measureBudget: 'quick', metricsProfile: 'full' }, 'full')).toBe('quick');
  });

  it('both names are run options, not config fields, and a sweep using either validates, the old one with a deprecation notice', () => {
    expect(splitParams({ measureBudget: 'full', metricsProfile: 'quick', beta: 4 })).toEqual({
      options: { measureBudget: 'full', metricsProfile: 'quick' }, training: {}, config: { beta: 4 },
    });
    expect(variantCatalog.vae.validate({ measureBudget: 'full' })).toEqual([]);
    expect(variantCatalog.vae.validate({ metricsProfile: 'full' })).toEqual([
      { path: 'metricsProfile', message: 'renamed to measureBudget; the old name is still read', deprecated: true },
    ]);
    expect(variantCatalog.vae.validate({ measureBudget: 'huge' }).map((i) => i.path)).toEqual(['measureBudget']);
  });
});
