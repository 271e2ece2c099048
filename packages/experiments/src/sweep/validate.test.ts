import { describe, expect, it } from 'vitest';
import { testCatalog, testDatasets } from './fixtures/catalog.ts';
import { SweepError } from './errors.ts';
import { validateSweep } from './validate.ts';
import { variantCatalog } from '../execute/catalog.ts';
import type { VariantCatalog } from './catalog.ts';
import { refusal } from '@vaelab/testing';

const base = { name: 'beta', dataset: 'toy', variants: ['beta-vae'], base: { steps: 10 }, grid: { beta: [1, 4] } };
const check = (def: unknown, profile = 'quick', catalog: VariantCatalog = testCatalog): string =>
  refusal(() => validateSweep(def, { file: 'experiments/beta.ts', catalog, datasets: testDatasets, profile }), SweepError);

describe('validateSweep', () => {
  it('accepts a good sweep and expands it', () => {
    const prepared = validateSweep(base, { catalog: testCatalog, datasets: testDatasets });
    expect(prepared.runs).toHaveLength(2);
    expect(prepared.profile).toBe('quick');
  });

  it('accepts the earlier name of a run option with one notice naming the field, not an error', () => {
    const prepared = validateSweep({ ...base, variants: ['vae'], grid: { latentDim: [2, 3] }, base: { steps: 10, metricsProfile: 'full' } },
      { file: 'experiments/old.ts', catalog: variantCatalog, datasets: ['toy'], profile: 'quick' });
    expect(prepared.runs).toHaveLength(2);
    expect(prepared.notices).toEqual(['experiments/old.ts: base.metricsProfile: renamed to measureBudget; the old name is still read']);
    expect(validateSweep({ ...base, variants: ['vae'], dataset: 'mnist', grid: { latentDim: [2] }, base: { steps: 10, measureBudget: 'full' } },
      { catalog: variantCatalog, datasets: ['mnist', 'toy'] }).notices).toEqual([]);
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
    expect(check({ ...base, grids: {} })).toBe('experiments/beta.ts: grids: unknown field; did you mean grid?');
    expect(check({ ...base, name: undefined })).toBe('experiments/beta.ts: name: is required');
    expect(check({ ...base, zip: { a: [1] } })).toMatch(/zip: use one of grid, zip, random/);
    expect(check({ ...base, grid: undefined, zip: { beta: [1, 2], steps: [1] } })).toMatch(/zip\.steps: has 1 values but zip\.beta has 2/);
    expect(check(base, 'fulll')).toMatch(/no profile 'fulll'/);
  });

  it('checks parameters against the real variant schemas: bounds with reasons, NaN and Infinity named', () => {
    const real = (def: unknown): string => check(def, 'quick', variantCatalog);
    const sweep = { name: 'beta', dataset: 'toy', variants: ['beta-vae'], base: { steps: 10 } };
    expect(real(sweep)).toBe('ok');
    expect(real({ ...sweep, base: { steps: 1e300 } })).toMatch(/^experiments\/beta\.ts: base\.steps: must be <= 1e9 \(more steps than a run can finish.*\), got 1e\+300$/);
    expect(real({ ...sweep, grid: { latentDim: [10, 1e9] } })).toMatch(/^experiments\/beta\.ts: grid\.latentDim\[1\]: must be <= 4096 \(.+\), got 1000000000$/);
    expect(real({ ...sweep, grid: { beta: [1, Number.NaN] } })).toMatch(/^experiments\/beta\.ts: grid\.beta\[1\]: .*finite number.*, got NaN$/);
    expect(real({ ...sweep, base: { steps: 10, learningRate: Number.POSITIVE_INFINITY } })).toMatch(/^experiments\/beta\.ts: base\.learningRate: .*, got Infinity$/);
    expect(real({ ...sweep, base: { steps: 10, latentDimm: 3 } })).toBe('experiments/beta.ts: base.latentDimm: unknown field; did you mean latentDim?');
  });

  it('splits flat parameters into the model and training configs by their schemas, naming the definition field', () => {
    const real = (def: unknown): string => check(def, 'quick', variantCatalog);
    const sweep = { name: 'beta', dataset: 'toy', variants: ['beta-vae'], base: { steps: 10 } };
    // Training fields beside model fields, each valid in its own config.
    expect(real({ ...sweep, base: { steps: 10, learningRate: 1e-4, batchSize: 64, gradientClipNorm: 5, logEvery: 5, evalExamples: 100, binarization: 'static', latentDim: 4 } })).toBe('ok');
    expect(real({ ...sweep, grid: { batchSize: [64, 0] } })).toBe('experiments/beta.ts: grid.batchSize[1]: must be >= 1, got 0');
    expect(real({ ...sweep, base: { steps: 10, binarization: 'otsu' } })).toBe('experiments/beta.ts: base.binarization: must be one of dynamic, static, none, got "otsu"');
    expect(real({ ...sweep, profiles: { quick: { base: { epochs: 2 } } } })).toBe('experiments/beta.ts: profiles.quick.base.epochs: give steps or epochs, not both (steps 10, epochs 2)');
    // A model field and a training field bad in one run: both reported.
    expect(real({ ...sweep, base: { steps: 10, latentDim: 0, learningRate: 2 } }).split('\n').map((line) => line.replace(/ \(.*$/, ''))).toEqual([
      'experiments/beta.ts: base.learningRate: must be <= 1',
      'experiments/beta.ts: base.latentDim: must be >= 1, got 0',
    ]);
  });

  it('refuses sweeps too large to run before expanding them', () => {
    expect(check({ ...base, seeds: 1e6 })).toMatch(/^experiments\/beta\.ts: seeds: must be <= 10000 \(.*Locatello.*\), got 1000000$/);
    const huge = { ...base, grid: { beta: Array.from({ length: 1000 }, (_, i) => i), steps: Array.from({ length: 1000 }, (_, i) => i + 1) } };
    expect(check(huge)).toMatch(/^experiments\/beta\.ts: grid: expands to 1,000,000 runs \(1 variants x 1,000,000 configurations x 1 seeds\); must be <= 100,000/);
    expect(check({ ...base, grid: undefined, random: { count: 1e6, space: { beta: [0, 1] } } })).toMatch(/random\.count: must be <= 100000 \(more runs than/);
  });
});
