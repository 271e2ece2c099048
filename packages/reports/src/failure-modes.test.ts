import { describe, expect, it } from 'vitest';
import { diagnoseRun } from './diagnosis.ts';
import type { DiagnosisInput } from './diagnosis.ts';
import {
  IGNORED_CONDITION_MARGIN, LAYER_COLLAPSE_KL_NATS, MIN_CURVE_POINTS, MODE_COLLAPSE_PRECISION, MODE_COLLAPSE_RECALL, STILL_FALLING_FRACTION,
} from './failure-modes.ts';
import { describeAnnealing, diagnoseReportRun } from './sections/diagnosis.ts';
import type { ReportRun } from './sweep-data.ts';

const ok = { status: 'completed' as const, error: null, divergedStep: null };
const healthy = { kl: 20, active_units: 8, reconstruction: 80, precision: 0.7, recall: 0.6 };
const diagnose = (input: Partial<DiagnosisInput> & { summaries?: Record<string, number> }) =>
  diagnoseRun({ run: ok, latentDim: 10, imagePixels: 784, ...input, summaries: { ...healthy, ...input.summaries } });
const kinds = (input: Parameters<typeof diagnose>[0]): string[] => diagnose(input).map((f) => f.kind);
/** A logged series of `n` points, one every 10 steps. */
const curve = (n: number, value: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ step: i * 10, value: value(i) }));

describe('failure modes', () => {
  it('a collapsed layer, per layer, with its KL as evidence', () => {
    const layered = { 'kl/layer1': 25, 'kl/layer2': LAYER_COLLAPSE_KL_NATS * 0.5, 'kl/layer3': LAYER_COLLAPSE_KL_NATS, 'active_units/layer3': 0 };
    const findings = diagnose({ summaries: layered }).filter((f) => f.kind === 'collapsed-layer');
    expect(findings.map((f) => f.title)).toEqual(['Layer 2 of 3 collapsed', 'Layer 3 of 3 collapsed']);
    expect(findings[0].evidence[0]).toEqual({ label: 'KL of layer 2 (nats)', value: `0.05 < ${LAYER_COLLAPSE_KL_NATS}` });
    expect(findings[0].remedy).toMatch(/free bits/);
    expect(findings[0].remedy).toMatch(/Warm the KL up from 0/);
    // A run that already warmed up is not told to warm up: the remedy names what ran.
    const warmed = diagnose({ summaries: layered, annealing: describeAnnealing({ kind: 'linear', steps: 1500 }) }).find((f) => f.kind === 'collapsed-layer')!;
    expect(warmed.remedy).toContain('already annealed the KL (linear warm-up over 1,500 steps)');
    expect(warmed.remedy).not.toMatch(/Warm the KL up from 0/);
    expect(describeAnnealing({ kind: 'constant', weight: 1 })).toBeUndefined();
    expect(describeAnnealing({ kind: 'cyclical', totalSteps: 2000, cycles: 4, ratio: 0.5 })).toBe('cyclical, 4 cycles');
    expect(kinds({ summaries: { 'kl/layer1': 25, 'kl/layer2': LAYER_COLLAPSE_KL_NATS } })).not.toContain('collapsed-layer');
    // A whole collapse is one finding, not one per layer as well.
    expect(kinds({ summaries: { kl: 0.01, 'kl/layer1': 0.005, 'kl/layer2': 0.005 } })).toEqual(['posterior-collapse']);
  });

  it("reads a conditional run's classes from its parameters or its checkpoint's config: dSprites conditioned on shape has 3", () => {
    const run = {
      id: 1, status: 'completed', error: null, divergedStep: null, dataset: 'dsprites', params: { latentDim: 10 },
      summaries: { ...healthy, conditional_accuracy: 0.34, classifier_accuracy: 0.91 }, series: {},
    } as unknown as ReportRun;
    const chance = (findings: { kind: string; evidence: { value: string }[] }[]): string | undefined =>
      findings.find((f) => f.kind === 'ignored-condition')?.evidence[0].value;
    expect(chance(diagnoseReportRun(run, { numClasses: 3 }))).toMatch(/chance 0\.3333/);
    expect(chance(diagnoseReportRun({ ...run, params: { latentDim: 10, numClasses: 3 } }))).toMatch(/chance 0\.3333/);
    // Neither given: the classes of dSprites are unknown, so no verdict.
    expect(chance(diagnoseReportRun(run))).toBeUndefined();
  });

  it('mode collapse: high precision with recall near zero', () => {
    expect(kinds({ summaries: { precision: MODE_COLLAPSE_PRECISION, recall: MODE_COLLAPSE_RECALL * 0.9 } })).toContain('mode-collapse');
    expect(kinds({ summaries: { precision: MODE_COLLAPSE_PRECISION, recall: MODE_COLLAPSE_RECALL } })).not.toContain('mode-collapse');
    expect(kinds({ summaries: { precision: MODE_COLLAPSE_PRECISION - 0.01, recall: 0 } })).not.toContain('mode-collapse');
  });

  it('an ignored condition: conditional accuracy near chance, with the classifier ceiling when recorded', () => {
    const near = 0.1 + IGNORED_CONDITION_MARGIN - 0.01;
    const [finding] = diagnose({ numClasses: 10, summaries: { conditional_accuracy: near, classifier_accuracy: 0.98 } }).filter((f) => f.kind === 'ignored-condition');
    expect(finding.evidence.map((e) => e.value)).toEqual([`${near} < chance 0.1 + ${IGNORED_CONDITION_MARGIN}`, '0.98']);
    expect(kinds({ numClasses: 10, summaries: { conditional_accuracy: 0.1 + IGNORED_CONDITION_MARGIN } })).not.toContain('ignored-condition');
    expect(kinds({ summaries: { conditional_accuracy: 0.05 } })).not.toContain('ignored-condition'); // classes unknown
  });

  it('too short to tell: the loss still falling over the last tenth of training', () => {
    const n = 40; // tenths of 4 points: the last 4 against the 4 before them
    const falling = curve(n, (i) => 100 * (1 - 0.005 * i)); // last tenth 2% below the one before
    expect(kinds({ series: { loss: falling } })).toContain('too-short');
    const flat = curve(n, (i) => (i < n - 8 ? 200 - i : 100));
    expect(kinds({ series: { loss: flat } })).not.toContain('too-short');
    // Rising held-out ELBO counts too; the threshold is STILL_FALLING_FRACTION of the value.
    const elbo = curve(n, (i) => (i < n - 4 ? -100 : -100 * (1 - 1.01 * STILL_FALLING_FRACTION)));
    expect(kinds({ series: { 'test/elbo': elbo } })).toContain('too-short');
    expect(kinds({ series: { loss: falling.slice(0, MIN_CURVE_POINTS - 1) } })).not.toContain('too-short');
    expect(kinds({ run: { status: 'diverged', error: null, divergedStep: 5 }, series: { loss: falling } })).not.toContain('too-short');
  });
});
