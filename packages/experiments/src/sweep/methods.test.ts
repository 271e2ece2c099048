import { describe, expect, it } from 'vitest';
import { datasetNames, variantCatalog } from '../execute/catalog.ts';
import { splitParams } from '../execute/run-options.ts';
import { SweepError } from './errors.ts';
import { validateSweep } from './validate.ts';
import { runLabels } from '../runner/labels.ts';
import { refusal } from '@vaelab/testing';

const study = {
  name: 'study',
  dataset: 'dsprites',
  base: { steps: 100, latentDim: 4 },
  methods: {
    vae: { variant: 'vae' },
    'annealed-vae': { variant: 'beta-vae', base: { 'capacity.gamma': 1000 }, grid: { 'capacity.max': [5, 25] } },
    'dip-vae-ii': { variant: 'dip-vae', base: { type: 'ii' }, grid: { lambdaOd: [1, 2, 5] } },
  },
  seeds: 2,
  profiles: { quick: { methods: { 'dip-vae-ii': { grid: { lambdaOd: [2] } } }, seeds: 1 } },
};
const prepare = (def: unknown, profile = 'full') => validateSweep(def, { file: 'experiments/study.ts', catalog: variantCatalog, datasets: datasetNames, profile });
const message = (def: unknown, profile = 'full'): string => refusal(() => prepare(def, profile), SweepError);

describe('sweeps over methods', () => {
  it('expand each method with its own base and grid, recording its name as the parameter method', () => {
    const { runs } = prepare(study);
    expect(runs.map((r) => [r.variant, r.params.method, r.seed])).toEqual([
      ['vae', 'vae', 0], ['vae', 'vae', 1],
      ['beta-vae', 'annealed-vae', 0], ['beta-vae', 'annealed-vae', 1], ['beta-vae', 'annealed-vae', 0], ['beta-vae', 'annealed-vae', 1],
      ...[1, 2, 5].flatMap(() => [['dip-vae', 'dip-vae-ii', 0], ['dip-vae', 'dip-vae-ii', 1]]),
    ]);
    expect(runs[2].params).toEqual({ steps: 100, latentDim: 4, method: 'annealed-vae', 'capacity.gamma': 1000, 'capacity.max': 5 });
    expect(runs.filter((r) => r.params.method === 'dip-vae-ii').map((r) => r.params.lambdaOd)).toEqual([1, 1, 2, 2, 5, 5]);
    expect(runs[2].sources['capacity.max']).toBe('methods.annealed-vae.grid.capacity.max[0]');
  });

  it('let a profile override one method\'s grid, key by key', () => {
    const { runs } = prepare(study, 'quick');
    expect(runs.filter((r) => r.params.method === 'dip-vae-ii').map((r) => [r.params.lambdaOd, r.params.type])).toEqual([[2, 'ii']]);
    expect(runs).toHaveLength(1 + 2 + 1);
  });

  it('label runs by method, with the parameters that vary and that the run has', () => {
    const { runs } = prepare(study);
    const labels = runLabels(runs);
    expect(labels.get(runs[0].configHash)).toBe('vae seed=0');
    expect(labels.get(runs[3].configHash)).toBe('annealed-vae capacity.gamma=1000 capacity.max=5 seed=1');
    expect(labels.get(runs[6].configHash)).toBe('dip-vae-ii lambdaOd=1 type=ii seed=0');
  });

  it('dotted parameters set nested config fields', () => {
    const { config, training, options } = splitParams({ 'capacity.max': 5, 'capacity.gamma': 1000, method: 'annealed-vae', steps: 10, learningRate: 1e-4, beta: 1 });
    expect(config).toEqual({ capacity: { max: 5, gamma: 1000 }, beta: 1 });
    expect(training).toEqual({ steps: 10, learningRate: 1e-4 });
    expect(options).toEqual({ method: 'annealed-vae' });
  });

  it('report a bad value at the method field it came from, and a method without a known variant', () => {
    expect(message({ ...study, methods: { ...study.methods, 'dip-vae-ii': { variant: 'dip-vae', base: { type: 'iii' }, grid: { lambdaOd: [1] } } } }))
      .toBe('experiments/study.ts: methods.dip-vae-ii.base.type: must be one of i, ii, got "iii"');
    expect(message({ ...study, methods: { ...study.methods, 'annealed-vae': { variant: 'beta-vae', grid: { 'capacity.max': [5, -1] } } } }))
      .toBe('experiments/study.ts: methods.annealed-vae.grid.capacity.max[1]: must be >= 0, got -1');
    expect(message({ ...study, methods: { gan: { variant: 'gan' } } })).toMatch(/methods\.gan\.variant: unknown variant 'gan' \(known: vae, beta-vae/);
    expect(message({ ...study, methods: { x: { grid: { beta: [1] } } } })).toBe('experiments/study.ts: methods.x.variant: is required');
    expect(message({ ...study, variants: ['vae'] })).toBe('experiments/study.ts: methods: give variants or methods, not both');
    expect(message({ name: 'n', dataset: 'dsprites' })).toBe('experiments/study.ts: variants: is required (or methods)');
  });
});
