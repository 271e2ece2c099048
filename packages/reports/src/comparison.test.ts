import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_RECALL_FOR_PRECISION, compareConfigurations } from './comparison.ts';
import { renderSweepPage } from './render.ts';
import { loadSweepData } from './sweep-data.ts';
import type { SweepData } from './sweep-data.ts';
import { temporaryFixtureStore } from '@vaelab/testing/reports';

describe('comparison of configurations', () => {
  let fixture: Awaited<ReturnType<typeof temporaryFixtureStore>>;
  let data: SweepData;
  beforeAll(async () => {
    fixture = await temporaryFixtureStore([{ name: 'mixed', variants: ['vae', 'cvae', 'beta-vae'], betas: [1, 4], latentDims: [2], problems: false }]);
    data = loadSweepData(fixture.store, 'mixed')!;
    // The conditional model gets the highest likelihood bound of all (as knowing y gives it), and beta-vae collapses onto one blob at beta 4.
    for (const r of data.runs) {
      if (r.variant === 'cvae') r.summaries.log_likelihood = -50 - r.seed;
      if (r.variant === 'vae') r.summaries.log_likelihood = -90 - Number(r.params.beta) - r.seed;
      if (r.variant === 'beta-vae') r.summaries.log_likelihood = -100;
      if (r.variant === 'beta-vae' && r.params.beta === 4) Object.assign(r.summaries, { precision: 0.99, recall: 0.01 });
      r.summaries.log_likelihood_elbo = r.summaries.log_likelihood - 1; // a bound the IWAE respects
    }
  });
  afterAll(() => fixture.dispose());

  it('has one row per configuration, aggregating seeds only', () => {
    const { rows } = compareConfigurations(data, ['log_likelihood']);
    expect(rows.map((r) => r.label)).toEqual(['vae, beta=1', 'vae, beta=4', 'cvae, beta=1', 'cvae, beta=4', 'beta-vae, beta=1', 'beta-vae, beta=4']);
    expect(rows.every((r) => r.runs.length === 2 && new Set(r.runs.map((x) => x.seed)).size === 2)).toBe(true);
  });

  it('never marks a winner across conditional and unconditional likelihoods', () => {
    const c = compareConfigurations(data, ['log_likelihood', 'elbo']);
    const ll = c.columns.filter((col) => col.metric === 'log_likelihood');
    expect(ll.map((col) => col.group)).toEqual(['log p(x), unconditional', 'log p(x|y), conditional']);
    const [uncond, cond] = ll;
    expect(c.rows.filter((r) => uncond.applies(r)).every((r) => !r.conditional)).toBe(true);
    expect(c.rows.filter((r) => cond.applies(r)).every((r) => r.variant === 'cvae')).toBe(true);
    // vae at beta=1, seeds 0 and 1: -91 and -92, the best unconditional mean; cvae beta=1 and 4 tie at -50.5: no winner.
    expect(c.rows[c.best.get(uncond.id)!].label).toBe('vae, beta=1');
    expect(c.best.has(cond.id)).toBe(false);
    const page = renderSweepPage(data);
    const table = /<table data-sortable id="variants-table">[\s\S]*?<\/table>/.exec(page)![0];
    expect(table.match(/<strong/g)?.length).toBeGreaterThan(0);
    expect(table).not.toMatch(/<strong[^>]*>-50\.5/);
    expect(table).toContain('log p(x|y), conditional');
  });

  it('shows but never ranks an IWAE value below its ELBO', () => {
    const broken = data.runs.map((r) => ({ ...r, summaries: r.variant === 'vae' && r.params.beta === 1 ? { ...r.summaries, log_likelihood_elbo: r.summaries.log_likelihood + 5 } : r.summaries }));
    const c = compareConfigurations({ ...data, runs: broken }, ['log_likelihood']);
    const uncond = c.columns.find((col) => col.group === 'log p(x), unconditional')!;
    const row = c.rows.findIndex((r) => r.label === 'vae, beta=1');
    expect(uncond.ineligible(c.rows[row])).toContain('below the ELBO');
    expect(c.rows[c.best.get(uncond.id)!].label).toBe('vae, beta=4');
  });

  it('does not rank precision when recall is near zero, and shows active units as a share of the latent size', () => {
    const c = compareConfigurations(data, ['active_units', 'precision', 'recall']);
    const precision = c.columns.find((col) => col.metric === 'precision')!;
    const collapsed = c.rows.findIndex((r) => r.label === 'beta-vae, beta=4');
    expect(precision.ineligible(c.rows[collapsed])).toContain(`< ${MIN_RECALL_FOR_PRECISION}`);
    expect(c.best.get(precision.id)).not.toBe(collapsed);
    const active = c.columns.find((col) => col.metric === 'active_units')!;
    expect(active.text(c.rows[0])).toBe('2 ± 0 of 2 (100%)');
  });
});
