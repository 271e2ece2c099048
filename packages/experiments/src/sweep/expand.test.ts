import { describe, expect, it } from 'vitest';
import { defineSweep } from './define.ts';
import { expandSweep } from './expand.ts';
import { canonicalJson, configHash } from './hash.ts';

describe('canonical JSON and config hash', () => {
  it('sorts keys at every level and ignores insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}');
    const id = { sweep: 's', variant: 'vae', dataset: 'toy', seed: 0, profile: 'quick' };
    expect(configHash({ ...id, params: { a: 1, b: 2 } })).toBe(configHash({ ...id, params: { b: 2, a: 1 } }));
    expect(configHash({ ...id, params: { a: 1 } })).not.toBe(configHash({ ...id, params: { a: 1 }, seed: 1 }));
    expect(configHash({ ...id, params: {} })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('expandSweep', () => {
  const sweep = defineSweep({
    name: 'beta',
    dataset: 'toy',
    variants: ['vae', 'beta-vae'],
    base: { steps: 100, beta: 1 },
    grid: { beta: [1, 4], latentDim: [8, 16] },
    seeds: 2,
    metrics: ['disentanglement'],
    profiles: { full: { base: { steps: 5000 }, grid: { beta: [1, 2, 4, 8] }, seeds: [10, 11, 12] } },
  });

  it('orders runs by variant, grid (first key slowest) and seed, deterministically', () => {
    const runs = expandSweep(sweep, 'quick');
    expect(runs).toHaveLength(2 * 4 * 2);
    expect(runs.slice(0, 4).map((r) => [r.variant, r.params.beta, r.params.latentDim, r.seed])).toEqual([
      ['vae', 1, 8, 0], ['vae', 1, 8, 1], ['vae', 1, 16, 0], ['vae', 1, 16, 1],
    ]);
    expect(runs[0].sources).toEqual({ beta: 'grid.beta[0]', latentDim: 'grid.latentDim[0]', steps: 'base.steps' });
    expect(expandSweep(sweep, 'quick').map((r) => r.configHash)).toEqual(runs.map((r) => r.configHash));
    expect(new Set(runs.map((r) => r.configHash)).size).toBe(runs.length);
  });

  it('applies profile overrides', () => {
    const runs = expandSweep(sweep, 'full');
    expect(runs).toHaveLength(2 * 8 * 3);
    expect(runs[0].params.steps).toBe(5000);
    expect(runs[0].sources.steps).toBe('profiles.full.base.steps');
    expect(runs.map((r) => r.seed).slice(0, 3)).toEqual([10, 11, 12]);
    const quickHashes = new Set(expandSweep(sweep, 'quick').map((r) => r.configHash));
    expect(runs.some((r) => quickHashes.has(r.configHash))).toBe(false);
  });

  it('zips parallel lists', () => {
    const runs = expandSweep({ name: 'z', dataset: 'toy', variants: ['vae'], zip: { a: [1, 2, 3], b: ['x', 'y', 'z'] } }, 'quick');
    expect(runs.map((r) => [r.params.a, r.params.b, r.sources.b])).toEqual([[1, 'x', 'zip.b[0]'], [2, 'y', 'zip.b[1]'], [3, 'z', 'zip.b[2]']]);
  });

  it('draws random configurations reproducibly within their ranges', () => {
    const def = defineSweep({
      name: 'r', dataset: 'toy', variants: ['vae'],
      random: { count: 20, seed: 7, space: { lr: { logUniform: [1e-4, 1e-2] }, beta: [0, 10], dim: { intUniform: [2, 4] }, act: ['relu', 'elu', 'tanh'] } },
    });
    const a = expandSweep(def, 'quick');
    expect(a.map((r) => r.params)).toEqual(expandSweep(def, 'quick').map((r) => r.params));
    for (const { params } of a) {
      expect(params.lr).toBeGreaterThanOrEqual(1e-4);
      expect(params.lr).toBeLessThanOrEqual(1e-2);
      expect(params.beta).toBeGreaterThanOrEqual(0);
      expect([2, 3, 4]).toContain(params.dim);
      expect(['relu', 'elu', 'tanh']).toContain(params.act);
    }
    expect(new Set(a.map((r) => r.params.dim)).size).toBe(3);
    expect(expandSweep({ ...def, random: { ...def.random, seed: 8 } }, 'quick')[0].params).not.toEqual(a[0].params);
  });
});
