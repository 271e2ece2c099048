import { describe, expect, it } from 'vitest';
import { capacity, klWeight } from './schedules.ts';

describe('KL schedules', () => {
  it('constant', () => {
    expect(klWeight({ kind: 'constant', weight: 0.3 }, 12345)).toBe(0.3);
  });
  it('linear warm-up rises from `from` to `to` and then holds', () => {
    const s = { kind: 'linear', steps: 100 } as const;
    expect([0, 25, 100, 1000].map((t) => klWeight(s, t))).toEqual([0, 0.25, 1, 1]);
    expect(klWeight({ kind: 'linear', steps: 10, from: 0.5, to: 1 }, 5)).toBeCloseTo(0.75, 12);
  });
  it('cyclical follows Fu et al. 2019: M cycles, rising over ratio R of each', () => {
    const s = { kind: 'cyclical', totalSteps: 400, cycles: 4, ratio: 0.5 } as const;
    // period 100: rises over steps 0..50, holds at 1 to step 99, restarts at 100
    expect(klWeight(s, 0)).toBe(0);
    expect(klWeight(s, 25)).toBeCloseTo(0.5, 12);
    expect(klWeight(s, 50)).toBeCloseTo(1, 12);
    expect(klWeight(s, 99)).toBe(1);
    expect(klWeight(s, 100)).toBe(0);
    expect(klWeight(s, 325)).toBeCloseTo(0.5, 12);
    expect(klWeight(s, 400)).toBe(1);
    expect(klWeight(s, 1e9)).toBe(1);
  });
  it('capacity C(step) rises linearly to cMax (Burgess et al. 2018)', () => {
    expect([0, 50, 100, 200].map((t) => capacity(t, 25, 100))).toEqual([0, 12.5, 25, 25]);
  });
});
