import { benchDspritesRender } from './dsprites-render.ts';
import { benchQuickSuite } from './metric-suite.ts';
import { benchReportRender } from './report-render.ts';
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

/** The quick model-level metric suite (`measure`, profile quick) on a small dSprites VAE. */
export async function benchMetricSuite(): Promise<BenchRow[]> {
  const r = await benchQuickSuite();
  const stages = Object.entries(r.breakdown).map(([stage, s]) => `${stage} ${s.toFixed(1)}`).join(', ');
  return [{ name: 'metric suite, quick budget', backend: 'wasm', value: r.seconds, unit: 's', note: stages ? `stages (s): ${stages}` : undefined }];
}
