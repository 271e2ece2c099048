/**
 * Screenshots of a rendered report page, one PNG per section, for the documentation:
 *
 *   pnpm screenshots reports/hierarchy.html docs/hierarchy
 *
 * writes docs/hierarchy-<section id>.png for every `<section id>` of the page, in a headless
 * Chromium (`/usr/bin/chromium`, or CHROMIUM=path) at 1400 px width, after every chart has
 * drawn. The page's console errors and failed requests are printed and make the exit code 1,
 * so a screenshot never hides a broken page.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [page, prefix, ...rest] = process.argv.slice(2);
if (!page || !prefix || rest.length > 0) {
  console.error('usage: pnpm screenshots <page.html> <output prefix>   (writes <prefix>-<section>.png)');
  process.exit(2);
}
if (!existsSync(page)) {
  console.error(`screenshots: no page at ${page}`);
  process.exit(2);
}
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`screenshots: no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM)`);
  process.exit(2);
}

const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
const problems: string[] = [];
try {
  const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  tab.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  tab.on('pageerror', (e) => problems.push(e.message));
  tab.on('requestfailed', (r) => problems.push(`request failed: ${r.url().slice(0, 120)}`));
  await tab.goto(pathToFileURL(resolve(page)).href, { waitUntil: 'load' });
  // Charts draw on animation frames; wait until every canvas has a size, then a second.
  await tab.waitForFunction(() => Array.from(document.querySelectorAll('canvas[data-chart]')).every((c) => {
    const canvas = c as HTMLCanvasElement;
    return canvas.width > 0 && canvas.height > 0;
  }), undefined, { timeout: 30_000 });
  await tab.waitForTimeout(1_000);
  // The sticky table of contents would be stamped over every section below the first screen.
  await tab.addStyleTag({ content: 'nav.toc { position: static !important; }' });
  const ids = await tab.$$eval('section[id]', (sections) => sections.map((s) => s.id));
  await mkdir(dirname(resolve(prefix)), { recursive: true });
  for (const id of ids) {
    const file = `${prefix}-${id}.png`;
    const partial = `${file}.tmp.png`;
    await tab.locator(`section#${id}`).screenshot({ path: partial });
    await rename(partial, file);
    console.log(file);
  }
} finally {
  await browser.close();
}
if (problems.length > 0) {
  console.error(`screenshots: the page reported ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
