import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExperimentStore } from '@vaelab/tracking';
import { EmptyStoreError, SECTION_IDS, UnknownSweepError, renderReports, renderSweepPage, sweepFileName } from './render.ts';
import { loadSweepData } from './sweep-data.ts';
import { explorerSection } from './sections/explorer.ts';
import { DISENTANGLEMENT_METRICS } from './sections/disentanglement.ts';
import { FULL_BASE, HOSTILE_TEXT, QUICK_BASE, createFixtureStore } from '@vaelab/testing/reports';
import { escapeHtml } from './html.ts';

describe('renderReports', () => {
  let dir: string;
  let store: ExperimentStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vaelab-reports-'));
    store = await createFixtureStore(join(dir, 'runs.sqlite'), [
      { name: 'beta-demo' },
      { name: 'variants-demo', variants: ['vae', 'cvae'], betas: [1, 4], hostile: true, latentDims: [2] },
      { name: 'hvae-demo', variants: ['hvae'], hierarchical: true, betas: [1], problems: false },
    ]);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a page per sweep and the index, and returns their paths', () => {
    const paths = renderReports(store, { outDir: join(dir, 'out') });
    expect(paths.map((p) => p.slice(join(dir, 'out').length + 1))).toEqual(['beta-demo.html', 'hvae-demo.html', 'variants-demo.html', 'index.html']);
    const index = readFileSync(paths[3], 'utf8');
    expect(index).toContain('href="beta-demo.html"');
    expect(index).not.toMatch(/<script src=|<link [^>]*href="http/);
  });

  it('has every section, inlines chart.js and the decoder evaluator (no TensorFlow.js), and references nothing remote', () => {
    const page = renderSweepPage(loadSweepData(store, 'variants-demo')!);
    for (const id of SECTION_IDS) expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain('Chart.js v4');
    expect(page).toContain('function vaelabDecode(');
    expect(page).not.toContain('TensorFlow.js');
    // Bundled libraries mention URLs in comments; what matters is that nothing is loaded (the browser test watches requests).
    expect(page).not.toMatch(/<script[^>]+src=|<link |src="https?:/i);
    const beta = renderSweepPage(loadSweepData(store, 'beta-demo')!);
    expect(beta).not.toContain('<section id="variants">');
    expect(beta).toContain('"latentDim":4');
  });

  it('says once that disentanglement was not measured instead of drawing an empty chart per score', () => {
    const data = loadSweepData(store, 'beta-demo')!;
    const sectionOf = (page: string): string => page.slice(page.indexOf('<section id="disentanglement">'), page.indexOf('</section>', page.indexOf('<section id="disentanglement">')));
    expect(sectionOf(renderSweepPage(data))).toContain('aria-label="MIG"');
    for (const run of data.runs) for (const key of Object.keys(run.summaries)) if (DISENTANGLEMENT_METRICS.includes(key as never)) delete run.summaries[key];
    const section = sectionOf(renderSweepPage(data));
    expect(section).toContain('No disentanglement score was measured in this sweep');
    expect(section).not.toContain('not measured in this sweep</');
    expect(section).not.toContain('aria-label="MIG"');
    expect(section).toContain('Latent traversals');
  });

  it('shows a failed run with its error and a diverged run with its step', () => {
    const page = renderSweepPage(loadSweepData(store, 'beta-demo')!);
    expect(page).toContain('worker exited with code 137 (out of memory)');
    expect(page).toContain('diverged at step 230');
    expect(page).toContain('loss became NaN at step 230');
    expect(page).toMatch(/data-finding="training-instability"/);
  });

  it('escapes hostile text from the sweep file and the store everywhere', () => {
    const page = renderSweepPage(loadSweepData(store, 'variants-demo')!);
    expect(page).toContain(escapeHtml(HOSTILE_TEXT));
    expect(page).not.toContain(HOSTILE_TEXT);
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('</script><script>alert(3)');
    // Inside JSON script data the text is \u-escaped.
    expect(page).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
  });

  it('explores hierarchical runs from their top layer and names the explored run', () => {
    const hierarchical = renderSweepPage(loadSweepData(store, 'hvae-demo')!);
    expect(hierarchical).not.toContain('explorer not available');
    expect(hierarchical).toContain('Sliders: z_L; lower layers at the mean of p(z_l-1 | z_l).');
    const page = renderSweepPage(loadSweepData(store, 'beta-demo')!);
    expect(page).toMatch(/Shown first: run #1 \(beta=0.25, seed 0\), the first completed run with a checkpoint/);
    // Every completed run with a checkpoint is on offer: 8 runs, one failed and one diverged.
    const data = loadSweepData(store, 'beta-demo')!;
    const offered = [...page.matchAll(/<option value="\d+">#(\d+) /g)].map((m) => Number(m[1]));
    expect(offered).toEqual(data.runs.filter((r) => r.status === 'completed').map((r) => r.id));
    expect(offered).toHaveLength(6);
    const cvae = loadSweepData(store, 'variants-demo')!;
    const cvaeRun = cvae.runs.find((r) => r.variant === 'cvae' && r.status === 'completed')!;
    const chosen = explorerSection(cvae, cvaeRun.id).models[0];
    expect([chosen.runId, chosen.conditionSize]).toEqual([cvaeRun.id, 10]);
  });

  it('shows the configuration of the profile that ran, with the sweep file\'s path', () => {
    const page = renderSweepPage(loadSweepData(store, 'beta-demo')!);
    const section = /<section id="configuration">([\s\S]*?)<\/section>/.exec(page)![1];
    const ran = JSON.parse(/<pre class="json" id="configuration-ran">([^<]*)<\/pre>/.exec(section)![1].replace(/&quot;/g, '"'));
    // The quick profile's values (QUICK_BASE), not the full protocol the definition writes first.
    expect(ran.base).toMatchObject({ steps: QUICK_BASE.steps, evalExamples: QUICK_BASE.evalExamples });
    expect(ran.base.steps).not.toBe(FULL_BASE.steps);
    expect(ran.grid).toEqual({ beta: [0.25, 1, 4, 16] });
    expect(ran.seeds).toEqual([0, 1]);
    expect(ran.profiles).toEqual(['quick']);
    expect(section).toContain('<code>experiments/beta-demo.ts</code>');
    expect(section.slice(0, section.indexOf('<details>'))).not.toContain(String(FULL_BASE.steps));
    const settings = JSON.parse(/<pre class="json" id="model-settings">([^<]*)<\/pre>/.exec(section)![1].replace(/&quot;/g, '"'));
    expect(settings['beta-vae']).toMatchObject({ latentDim: 4, architecture: { kind: 'mlp', hidden: [16] } });
  });

  it('shows empty states instead of empty charts', () => {
    const page = renderSweepPage(loadSweepData(store, 'beta-demo')!);
    expect(page).not.toContain('Conditional accuracy</figcaption><div');
    expect(page).toContain('No run has a 2-D latent space.');
    // A conditional 2-D run has a manifold per class, drawn by the explorer; an unconditional one its manifold.png.
    const mixed = renderSweepPage(loadSweepData(store, 'variants-demo')!);
    expect(mixed).not.toContain('No run has a 2-D latent space.');
    expect(mixed).toMatch(/#\d+ cvae, beta=1, tag=plain;[^<]*: a 2-D conditional latent space, with one manifold per class/);
    expect(mixed).toContain('alt="decoded manifold of run');
  });

  it('rejects an unknown sweep and an empty store', () => {
    expect(() => renderReports(store, { sweep: 'nope', outDir: join(dir, 'x') })).toThrow(UnknownSweepError);
    const empty = ExperimentStore.open(join(dir, 'empty.sqlite'));
    expect(() => renderReports(empty, { outDir: join(dir, 'x') })).toThrow(EmptyStoreError);
    empty.close();
  });

  it('keeps the index file name for the index', () => {
    expect(sweepFileName('index')).toBe('sweep-index.html');
    expect(sweepFileName('a/b')).toBe('a_b.html');
  });
});
