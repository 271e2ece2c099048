import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { evaluateGenerator } from '@vaelab/core/decoder';
import { renderReports } from './render.ts';
import { embeddedDescription } from './explorer-data.ts';
import type { ExplorerModel } from './explorer-data.ts';
import { HOSTILE_TEXT, createFixtureStore } from '@vaelab/testing/reports';

const CHROMIUM = '/usr/bin/chromium';
const required = process.env.VAELAB_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
if (missing && !required) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium; VAELAB_REQUIRE_BROWSER=1 makes this a failure)`);
const SHOTS = fileURLToPath(new URL('../../../test-output/reports/', import.meta.url));

/** Per canvas: whether it has drawn pixels (some non-transparent pixel differing from the first). */
/** Per chart: the x axis's title and the labels of its drawn ticks. */
async function xTicks(page: Page): Promise<{ id: string; title: string; labels: string[]; categories: number }[]> {
  return page.$$eval('canvas[data-chart]', (canvases) => canvases.map((c) => {
    const chart = (window as unknown as { Chart: { getChart(c: Element): { data: { labels?: unknown[] }; scales: Record<string, { ticks: { label: unknown }[]; options: { title?: { text?: string } } }> } } }).Chart.getChart(c)!;
    const x = chart.scales.x;
    // Bar charts list their categories in data.labels; other charts need at least two ticks to be read.
    return { id: c.id, title: String(x.options.title?.text ?? ''), labels: x.ticks.map((t) => String(t.label ?? '')).filter((l) => l !== ''), categories: chart.data.labels?.length ?? 2 };
  }));
}

async function canvasesDrawn(page: Page): Promise<{ id: string; drawn: boolean }[]> {
  return page.$$eval('canvas[data-chart]', (canvases) => (canvases as HTMLCanvasElement[]).map((c) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let drawn = false;
    for (let i = 0; i < d.length && !drawn; i += 4) drawn = d[i + 3] > 0 && (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2] || d[i + 3] !== d[3]);
    return { id: c.id, drawn };
  }));
}

const explorerPixels = (page: Page): Promise<number[]> =>
  page.$eval('#explorer-canvas', (c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height).data));

async function draws(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.getAttribute('data-explorer-draws') ?? '0') >= n, atLeast, { timeout: 10_000 });
}

describe.skipIf(missing && !required)('reports in Chromium', () => {
  let browser: Browser;
  let out: string;
  let dir: string;
  const dialogs: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vaelab-reports-browser-'));
    out = join(dir, 'out');
    const store = await createFixtureStore(join(dir, 'runs.sqlite'), [
      { name: 'beta-demo', betas: [0.25, 1, 4, 16], latentDims: [2] },
      { name: 'variants-demo', variants: ['cvae', 'vae', 'beta-vae'], betas: [1, 4], latentDims: [2], hostile: true, seeds: 2 },
      { name: 'hvae-demo', variants: ['hvae'], hierarchical: true, betas: [1, 2], problems: false },
      { name: 'variants-only', variants: ['vae', 'beta-vae', 'cvae'], betas: [4], latentDims: [2], problems: false },
      { name: 'methods-demo', variants: ['vae', 'beta-vae', 'beta-tcvae', 'factor-vae', 'dip-vae-i'], betas: [1, 4], latentDims: [2], seeds: 3, problems: false },
    ]);
    renderReports(store, { outDir: out });
    store.close();
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${file}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${file}: ${e.message}`));
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    // Any request beyond the file itself and data URIs would be the network.
    page.on('request', (r) => { if (!/^(file|data):/.test(r.url())) problems.push(`${file}: network request ${r.url()}`); });
    await page.goto(pathToFileURL(join(out, file)).href);
    await page.waitForLoadState('load');
    return page;
  }

  async function shootSections(page: Page, name: string): Promise<void> {
    // The sticky table of contents would be stamped over every element screenshot.
    await page.addStyleTag({ content: 'nav.toc { position: static; }' });
    for (const id of await page.$$eval('main > section[id]', (s) => s.map((e) => e.id))) {
      await page.locator(`#${id}`).screenshot({ path: join(SHOTS, `${name}-${id}.png`) });
    }
  }

  it('renders every chart of a sweep page with no console error, and the explorer reacts to a slider', async () => {
    const page = await open('beta-demo.html');
    const canvases = await canvasesDrawn(page);
    expect(canvases.length).toBeGreaterThan(10);
    expect(canvases.filter((c) => !c.drawn)).toEqual([]);
    await draws(page, 1);
    const before = await explorerPixels(page);
    await page.locator('#z-0').fill('2.5');
    await draws(page, 2);
    const after = await explorerPixels(page);
    expect(after.some((v, i) => v !== before[i])).toBe(true);
    expect(after.filter((v, i) => i % 4 !== 3 && v > 0).length).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'beta-demo-top.png') });
    await shootSections(page, 'beta-demo');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('compares variants, drives the CVAE class selector, and shows hostile text as text without running it', async () => {
    const page = await open('variants-demo.html');
    expect((await canvasesDrawn(page)).filter((c) => !c.drawn)).toEqual([]);
    expect(await page.locator('#variants-table').isVisible()).toBe(true);
    // The first completed run is a CVAE: its explorer has a class selector.
    await draws(page, 1);
    const before = await explorerPixels(page);
    // The 2-D CVAE's manifold for the selected class, redrawn for another class.
    await page.waitForFunction(() => Number(document.body.getAttribute('data-manifold-draws') ?? '0') >= 1, undefined, { timeout: 10_000 });
    const manifold = (): Promise<number[]> => page.$eval('#explorer-manifold', (c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height).data));
    const manifoldBefore = await manifold();
    expect(await page.locator('#explorer-manifold').isVisible()).toBe(true);
    await page.locator('#explorer-class').selectOption('3');
    await draws(page, 2);
    await page.waitForFunction(() => Number(document.body.getAttribute('data-manifold-draws') ?? '0') >= 2, undefined, { timeout: 10_000 });
    expect((await manifold()).some((v, i) => v !== manifoldBefore[i])).toBe(true);
    expect((await explorerPixels(page)).some((v, i) => v !== before[i])).toBe(true);
    // Every completed run is on offer; an unconditional one has no class selector.
    const vaeOption = await page.locator('#explorer-run option', { hasText: /\(vae,/ }).first().getAttribute('value');
    await page.locator('#explorer-run').selectOption(vaeOption!);
    await draws(page, 3);
    expect(await page.locator('#explorer-class').count()).toBe(0);
    expect(await page.locator('#explorer-sliders input[data-latent]').count()).toBe(2);
    const cell = page.locator('#runs-table td', { hasText: HOSTILE_TEXT }).first();
    expect(await cell.isVisible()).toBe(true);
    expect(await cell.textContent()).toBe(HOSTILE_TEXT);
    expect(await page.getByText('onerror=alert(2)', { exact: false }).first().isVisible()).toBe(true);
    expect(await page.locator('#runs-table script').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    await shootSections(page, 'variants-demo');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('labels the ticks of every chart of a categorical sweep, and puts β on a log axis with a tick per value', async () => {
    const page = await open('variants-only.html');
    const ticks = await xTicks(page);
    expect(ticks.length).toBeGreaterThan(10);
    expect(ticks.filter((t) => t.labels.length < Math.min(2, t.categories))).toEqual([]);
    const byVariant = ticks.filter((t) => t.title === 'variant');
    expect(byVariant.length).toBeGreaterThan(5);
    for (const t of byVariant) expect(t.labels).toEqual(['vae', 'beta-vae', 'cvae']);
    await page.close();
    const beta = await open('beta-demo.html');
    const betaTicks = (await xTicks(beta)).filter((t) => t.title === 'beta');
    expect(betaTicks.length).toBeGreaterThan(5);
    for (const t of betaTicks) expect(t.labels).toEqual(['0.25', '1', '4', '16']);
    const scale = await beta.$eval('canvas[data-chart]', (c) => (window as unknown as { Chart: { getChart(c: Element): { scales: { x: { type: string } } } } }).Chart.getChart(c)!.scales.x.type);
    expect(scale).toBe('logarithmic');
    expect(problems).toEqual([]);
    await beta.close();
  });

  it('draws the methods section: a chart per metric with a point per run, and the rank-correlation matrix', async () => {
    const page = await open('methods-demo.html');
    expect((await canvasesDrawn(page)).filter((c) => !c.drawn)).toEqual([]);
    expect(await page.locator('#methods .chart canvas').count()).toBe(10);
    expect(await page.locator('#rank-correlation td.rho').count()).toBe(100);
    await shootSections(page, 'methods-demo');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sorts the runs table by a clicked header', async () => {
    const page = await open('beta-demo.html');
    const column = async (): Promise<number[]> => page.$$eval('#runs-table tbody tr', (rows) => rows.map((r) => Number((r as HTMLTableRowElement).cells[1].textContent)));
    await page.locator('#runs-table th', { hasText: 'beta' }).click();
    const asc = await column();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await page.locator('#runs-table th', { hasText: 'beta' }).click();
    const desc = await column();
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await page.close();
  });

  it('renders the hierarchical sweep, its explorer drawing from z_L down the prior means, and the index', async () => {
    const page = await open('hvae-demo.html');
    expect((await canvasesDrawn(page)).filter((c) => !c.drawn)).toEqual([]);
    await draws(page, 1);
    expect(await page.locator('#explorer-caption').textContent()).toBe('Sliders: z_L; lower layers at the mean of p(z_l-1 | z_l).');
    // The fixture's runs have layers [4, 4]: one slider per unit of z2, the top layer.
    expect(await page.locator('#explorer-sliders input[data-latent]').count()).toBe(4);
    await page.locator('#z-0').fill('2');
    await page.locator('#z-2').fill('-1.5');
    await draws(page, 3);
    // What the page drew is the generative path its embedded model describes, run in Node.
    const model = (JSON.parse(await page.locator('#explorer-data').textContent() ?? '[]') as ExplorerModel[])[0];
    const expected = evaluateGenerator(embeddedDescription(model), [2, 0, -1.5, 0]);
    const drawn = await explorerPixels(page);
    let worst = 0;
    expected.forEach((v, i) => { worst = Math.max(worst, Math.abs(drawn[4 * i] - Math.round(255 * Math.min(1, Math.max(0, v))))); });
    expect(worst).toBeLessThanOrEqual(1);
    expect(new Set(drawn.filter((_, i) => i % 4 === 0)).size).toBeGreaterThan(1);
    await shootSections(page, 'hvae-demo');
    const index = await open('index.html');
    expect(await index.locator('#sweeps-table a').count()).toBe(5);
    await index.screenshot({ path: join(SHOTS, 'index.png') });
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
    await index.close();
  });
});
