import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartRegistry } from '../charts.ts';
import { loadSweepData } from '../sweep-data.ts';
import type { SweepData } from '../sweep-data.ts';
import { temporaryFixtureStore } from '@vaelab/testing/reports';
import { METHOD_METRICS, methodsSection } from './methods.ts';

describe('methods section', () => {
  let fixture: Awaited<ReturnType<typeof temporaryFixtureStore>>;
  let data: SweepData;
  beforeAll(async () => {
    fixture = await temporaryFixtureStore([
      { name: 'methods', variants: ['beta-vae', 'beta-tcvae'], betas: [4], latentDims: [2], seeds: 3, problems: false },
      { name: 'one-method', variants: ['beta-vae'], betas: [1, 4], latentDims: [2], problems: false },
    ]);
    data = loadSweepData(fixture.store, 'methods')!;
  });
  afterAll(() => fixture.dispose());

  it('shows every method against every measured disentanglement metric', () => {
    const charts = new ChartRegistry();
    const out = methodsSection({ data, charts })!.html.value;
    for (const m of METHOD_METRICS) expect(out).toContain(`data-pair="${m}|${m}"`);
    expect(charts.size).toBe(METHOD_METRICS.length);
    // Every run is a point: 3 seeds per method, in the scatter datasets of each chart.
    const first = Object.values(charts.configs)[0] as { data: { datasets: { label: string; data: unknown[] }[] } };
    expect(first.data.datasets.filter((d) => d.label.endsWith(': runs')).map((d) => d.data.length)).toEqual([3, 3]);
  });

  it('rank-correlates the metrics across runs as a hand computation does', () => {
    const mig = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], sap = [0.05, 0.01, 0.07, 0.08, 0.07, 0.2];
    const runs = data.runs.map((r, i) => ({ ...r, summaries: { ...r.summaries, mig: mig[i], sap: sap[i] } }));
    const out = methodsSection({ data: { ...data, runs }, charts: new ChartRegistry() })!.html.value;
    const rho = (a: string, b: string): number => Number(new RegExp(`data-rho="([^"]*)" data-pair="${a}\\|${b}"`).exec(out)![1]);
    // ranks of sap: [2, 1, 3.5, 5, 3.5, 6]; centred against 1..6: Σ dx dy = 14.5, Σ dx² = 17.5, Σ dy² = 17.
    expect(rho('mig', 'sap')).toBeCloseTo(14.5 / Math.sqrt(17.5 * 17), 5);
    expect(rho('sap', 'mig')).toBeCloseTo(14.5 / Math.sqrt(17.5 * 17), 5);
    expect(rho('mig', 'mig')).toBe(1);
  });

  it('groups runs by the method a methods sweep records, not by their variant', () => {
    const names = ['beta-vae', 'annealed-vae', 'beta-tcvae'];
    const runs = data.runs.map((r, i) => ({ ...r, params: { ...r.params, method: names[i % 3] } }));
    const charts = new ChartRegistry();
    const out = methodsSection({ data: { ...data, runs }, charts })!.html.value;
    expect(out).toContain('<th>annealed-vae</th>');
    const first = Object.values(charts.configs)[0] as { data: { datasets: { label: string; data: unknown[] }[] } };
    expect(first.data.datasets.filter((d) => d.label.endsWith(': runs')).map((d) => [d.label, d.data.length]))
      .toEqual([['beta-vae: runs', 2], ['annealed-vae: runs', 2], ['beta-tcvae: runs', 2]]);
  });

  it('is left out for a single method', () => {
    expect(methodsSection({ data: loadSweepData(fixture.store, 'one-method')!, charts: new ChartRegistry() })).toBeUndefined();
  });
});
