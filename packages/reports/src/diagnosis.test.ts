import { describe, expect, it } from 'vitest';
import {
  BLURRY_ACTIVE_FRACTION, BLURRY_NATS_PER_PIXEL, COLLAPSE_KL_NATS, EXPLODING_GRAD_NORM, GRAD_SPIKE_RATIO, PARTIAL_COLLAPSE_ACTIVE_FRACTION,
  PRIOR_HOLE_FD_RATIO, diagnoseRun,
} from './diagnosis.ts';
import type { DiagnosisInput } from './diagnosis.ts';

const ok = { status: 'completed' as const, error: null, divergedStep: null };
const healthy = { kl: 20, active_units: 8, reconstruction: 80, frechet_distance: 10, frechet_distance_recon: 8, grad_norm_max: 30 };
const kinds = (input: Partial<DiagnosisInput> & { summaries?: Record<string, number> }): string[] =>
  diagnoseRun({ run: ok, latentDim: 10, imagePixels: 784, ...input, summaries: { ...healthy, ...input.summaries } }).map((f) => f.kind);

describe('diagnoseRun', () => {
  it('finds nothing in a healthy run', () => {
    expect(kinds({})).toEqual([]);
  });

  it('posterior collapse: KL below the threshold, or no active unit', () => {
    expect(kinds({ summaries: { kl: COLLAPSE_KL_NATS * 0.99 } })).toContain('posterior-collapse');
    expect(kinds({ summaries: { kl: COLLAPSE_KL_NATS } })).not.toContain('posterior-collapse');
    expect(kinds({ summaries: { active_units: 0 } })).toContain('posterior-collapse');
    const [finding] = diagnoseRun({ run: ok, summaries: { kl: 0.01, active_units: 0 }, latentDim: 10 });
    expect(finding.evidence.map((e) => e.value)).toEqual([`0.01 < ${COLLAPSE_KL_NATS}`, '0 of 10']);
    expect(finding.remedy).toMatch(/anneal/i);
    expect(finding.remedy).toMatch(/free bits/);
  });

  it('partial collapse: fewer active units than the fraction of latent dimensions', () => {
    const edge = PARTIAL_COLLAPSE_ACTIVE_FRACTION * 20; // 5 of 20
    expect(kinds({ latentDim: 20, summaries: { active_units: edge - 1 } })).toContain('partial-collapse');
    expect(kinds({ latentDim: 20, summaries: { active_units: edge } })).not.toContain('partial-collapse');
  });

  it('training instability: diverged runs, exploding gradient norms, spikes against the median', () => {
    const diverged = diagnoseRun({ run: { status: 'diverged', error: 'loss became NaN', divergedStep: 230 }, summaries: {} });
    expect(diverged.map((f) => f.kind)).toEqual(['training-instability']);
    expect(diverged[0].evidence).toContainEqual({ label: 'diverged at step', value: '230' });
    expect(diverged[0].remedy).toMatch(/clip/i);
    expect(kinds({ summaries: { grad_norm_max: EXPLODING_GRAD_NORM } })).toContain('training-instability');
    expect(kinds({ summaries: { grad_norm_max: EXPLODING_GRAD_NORM - 1 } })).not.toContain('training-instability');
    const spike = (peak: number) => ({ grad_norm: [10, 10, 10, 10, 10, peak].map((value, step) => ({ step, value })) });
    expect(kinds({ series: spike(10 * GRAD_SPIKE_RATIO) })).toContain('training-instability');
    expect(kinds({ series: spike(10 * GRAD_SPIKE_RATIO - 1) })).not.toContain('training-instability');
    expect(kinds({ series: { loss: [{ step: 0, value: 1 }, { step: 10, value: NaN }] } })).toContain('training-instability');
  });

  it('prior holes: samples worse than reconstructions by the Fréchet-distance ratio', () => {
    expect(kinds({ summaries: { frechet_distance: 8 * PRIOR_HOLE_FD_RATIO, frechet_distance_recon: 8 } })).toContain('prior-holes');
    expect(kinds({ summaries: { frechet_distance: 8 * PRIOR_HOLE_FD_RATIO - 0.01, frechet_distance_recon: 8 } })).not.toContain('prior-holes');
    expect(kinds({ summaries: { frechet_distance: 50, frechet_distance_recon: NaN } })).not.toContain('prior-holes');
  });

  it('blurry reconstructions: high error per pixel while most latent dimensions are active', () => {
    const high = BLURRY_NATS_PER_PIXEL * 784;
    expect(kinds({ summaries: { reconstruction: high, active_units: BLURRY_ACTIVE_FRACTION * 10 } })).toContain('blurry-reconstructions');
    expect(kinds({ summaries: { reconstruction: high - 1, active_units: 10 } })).not.toContain('blurry-reconstructions');
    expect(kinds({ summaries: { reconstruction: high, active_units: BLURRY_ACTIVE_FRACTION * 10 - 1 } })).not.toContain('blurry-reconstructions');
    expect(kinds({ imagePixels: undefined, summaries: { reconstruction: high * 10 } })).not.toContain('blurry-reconstructions');
  });

  it('reports a failed run with its error first', () => {
    const findings = diagnoseRun({ run: { status: 'failed', error: 'out of memory', divergedStep: null }, summaries: { kl: 0 } });
    expect(findings.map((f) => f.kind)).toEqual(['failed', 'posterior-collapse']);
    expect(findings[0].evidence[0].value).toBe('out of memory');
  });

  it('counts latent dimensions from kl/dim summaries when not told', () => {
    const summaries = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`kl/dim${i}`, 1]));
    expect(diagnoseRun({ run: ok, summaries: { ...summaries, kl: 8, active_units: 1 } }).map((f) => f.kind)).toEqual(['partial-collapse']);
  });
});
