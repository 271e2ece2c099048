import { describe, expect, it } from 'vitest';
import { ParamLabels, shortValueLabels } from './param-labels.ts';

describe('short parameter labels', () => {
  it('names KL schedules by their kind, not by clipped JSON', () => {
    const schedules = [{ kind: 'constant', weight: 1 }, { kind: 'linear', steps: 500 }, { kind: 'cyclical', totalSteps: 1000, cycles: 4, ratio: 0.5 }];
    expect([...shortValueLabels(schedules).values()]).toEqual(['constant', 'linear', 'cyclical']);
  });

  it('adds the fields that vary when kinds repeat', () => {
    const schedules = [{ kind: 'linear', steps: 500 }, { kind: 'linear', steps: 1000 }, { kind: 'constant', weight: 1 }];
    expect([...shortValueLabels(schedules).values()]).toEqual(['linear steps=500', 'linear steps=1000', 'constant']);
  });

  it('writes layer lists as 100-50 and leaves numbers and strings alone', () => {
    expect([...shortValueLabels([[50], [100, 50], [100, 50, 25]]).values()]).toEqual(['50', '100-50', '100-50-25']);
    expect([...shortValueLabels([[{ latentDim: 100 }, { latentDim: 50 }]]).values()]).toEqual(['100-50']);
    expect([...shortValueLabels([0.5, 'tanh', 0.5]).values()]).toEqual(['0.5', 'tanh']);
  });

  it('pairs a parameter with its value', () => {
    const labels = new ParamLabels([{ params: { beta: 4, klSchedule: { kind: 'linear', steps: 5 } } }, { params: { beta: 1, klSchedule: { kind: 'constant', weight: 1 } } }], ['beta', 'klSchedule']);
    expect(labels.pair('beta', 4)).toBe('beta=4');
    expect(labels.pair('klSchedule', { kind: 'linear', steps: 5 })).toBe('klSchedule linear');
  });
});
