/**
 * `pnpm bench [name...]`: every benchmark, or those whose name contains one of the
 * arguments. Prints a table and writes bench/results/<timestamp>.json (figures, machine).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchClassicVae } from './training.ts';
import type { BenchRow } from './training.ts';
import { benchDspritesRender } from '@vaelab/datasets';

interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** The registration list of benchmarks, in the order they run. */
const BENCHMARKS: Benchmark[] = [
  { name: 'classic-vae', run: () => benchClassicVae(2) },
  {
    name: 'dsprites-render',
    run: async () => {
      const r = await benchDspritesRender();
      return [
        { name: 'dSprites render 64x64', backend: 'js', value: r.imagesPerSecond64, unit: 'images/s' },
        { name: 'dSprites render 32x32', backend: 'js', value: r.imagesPerSecond32, unit: 'images/s' },
      ];
    },
  },
];

function machine(): Record<string, unknown> {
  return { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
}

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}

const filters = process.argv.slice(2);
const selected = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
if (selected.length === 0) {
  console.error(`bench: no benchmark matches ${filters.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const rows: BenchRow[] = [];
for (const bench of selected) {
  const started = performance.now();
  const result = await bench.run();
  rows.push(...result);
  for (const row of result) {
    const ratio = row.baseline ? `  ${(row.value / row.baseline).toFixed(2)}x baseline ${format(row.baseline)}` : '';
    console.log(`${row.name.padEnd(44)} ${row.backend.padEnd(8)} ${format(row.value).padStart(10)} ${row.unit}${ratio}${row.note ? `  (${row.note})` : ''}`);
  }
  console.log(`  [${bench.name}: ${((performance.now() - started) / 1000).toFixed(1)} s]`);
}
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), rows }, null, 2)}\n`);
console.log(`figures written to ${out}`);
