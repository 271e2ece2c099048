import { describe, expect, it } from 'vitest';
import { testCatalog, testDatasets } from './fixtures/catalog.ts';
import { SweepError } from './errors.ts';
import { validateSweep } from './validate.ts';

const base = { name: 'beta', dataset: 'toy', variants: ['beta-vae'], base: { steps: 10 }, grid: { beta: [1, 4] } };
const check = (def: unknown, profile = 'quick'): string => {
  try {
    validateSweep(def, { file: 'experiments/beta.ts', catalog: testCatalog, datasets: testDatasets, profile });
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(SweepError);
    return (error as Error).message;
  }
};

describe('validateSweep', () => {
  it('accepts a good sweep and expands it', () => {
    const prepared = validateSweep(base, { catalog: testCatalog, datasets: testDatasets });
    expect(prepared.runs).toHaveLength(2);
    expect(prepared.profile).toBe('quick');
  });

  it('reports parameter problems at the field the value came from', () => {
    expect(check({ ...base, grid: { beta: [1, 4, -1] } })).toBe('experiments/beta.ts: grid.beta[2]: must be >= 0, got -1');
    expect(check({ ...base, base: { steps: '10' } })).toBe('experiments/beta.ts: base.steps: must be a positive integer, got "10"');
    expect(check({ ...base, profiles: { full: { base: { steps: 0 } } } }, 'full')).toBe(
      'experiments/beta.ts: profiles.full.base.steps: must be a positive integer, got 0');
    expect(check({ ...base, grid: undefined })).toBe('experiments/beta.ts: base.beta: is required (variant beta-vae)');
  });

  it('reports unknown names, structure and search problems with their paths', () => {
    expect(check({ ...base, variants: ['beta-vae', 'gan'] })).toMatch(/^experiments\/beta\.ts: variants\[1\]: unknown variant 'gan' \(known: vae, beta-vae\)$/);
    expect(check({ ...base, dataset: 'cifar' })).toMatch(/^experiments\/beta\.ts: dataset: unknown dataset 'cifar'/);
    expect(check({ ...base, grid: { beta: [] } })).toBe('experiments/beta.ts: grid.beta: must list at least one value');
    expect(check({ ...base, seeds: 0 })).toMatch(/^experiments\/beta\.ts: seeds: /);
    expect(check({ ...base, grids: {} })).toBe("experiments/beta.ts: unknown field 'grids'");
    expect(check({ ...base, name: undefined })).toBe('experiments/beta.ts: name: is required');
    expect(check({ ...base, zip: { a: [1] } })).toMatch(/zip: use one of grid, zip, random/);
    expect(check({ ...base, grid: undefined, zip: { beta: [1, 2], steps: [1] } })).toMatch(/zip\.steps: has 1 values but zip\.beta has 2/);
    expect(check(base, 'fulll')).toMatch(/no profile 'fulll'/);
  });
});
