import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchDspritesRender } from './dsprites-render.ts';
import { benchReportRender } from '../packages/reports/src/render.bench.ts';
import type { BenchRow } from './row.ts';

/** dSprites rendering, one core, batches of 256 random grid examples. */
export async function benchDsprites(): Promise<BenchRow[]> {
  const r = await benchDspritesRender();
  return [
    { name: 'dSprites render 64x64', backend: 'js', value: r.imagesPerSecond64, unit: 'images/s' },
    { name: 'dSprites render 32x32', backend: 'js', value: r.imagesPerSecond32, unit: 'images/s' },
  ];
}

/** HTML reports of a 100-run fixture sweep and the index (rendering only; target under 5 s). */
export async function benchReports(): Promise<BenchRow[]> {
  const r = await benchReportRender();
  return [{ name: `report render, ${r.runs}-run sweep + index`, backend: 'js', value: r.seconds, unit: 's', note: 'target < 5 s' }];
}

// Loaded by path at run time: the metrics package adds this module in its own time, and the
// suite must still run (with a message) while it is absent.
const QUICK_SUITE = fileURLToPath(new URL('../packages/metrics/src/model/suite.bench.ts', import.meta.url));

interface QuickSuiteModule {
  benchQuickSuite(): Promise<{ seconds: number; breakdown: Record<string, number> }>;
}

/** The quick model-level metric suite (`measure`, profile quick) on a small dSprites VAE, when the metrics package has it. */
export async function benchMetricSuite(): Promise<BenchRow[]> {
  let mod: Partial<QuickSuiteModule>;
  try {
    mod = (await import(pathToFileURL(QUICK_SUITE).href)) as Partial<QuickSuiteModule>;
  } catch (error) {
    console.error(`quick-suite: skipped, packages/metrics/src/model/suite.bench.ts does not load (${(error as Error).message.split('\n')[0]})`);
    return [];
  }
  if (typeof mod.benchQuickSuite !== 'function') {
    console.error('quick-suite: skipped, packages/metrics/src/model/suite.bench.ts exports no benchQuickSuite()');
    return [];
  }
  const r = await mod.benchQuickSuite();
  const stages = Object.entries(r.breakdown).map(([stage, s]) => `${stage} ${s.toFixed(1)}`).join(', ');
  return [{ name: 'metric suite, quick profile', backend: 'wasm', value: r.seconds, unit: 's', note: stages ? `stages (s): ${stages}` : undefined }];
}
