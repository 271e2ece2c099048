/**
 * `pnpm bench [name...]`: every benchmark, or those whose name contains one of the
 * arguments. Prints a table and writes bench/results/<timestamp>.json (figures, machine).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBetaVae } from './beta-vae.ts';
import { benchDsprites, benchMetricSuite, benchReports } from './components.ts';
import { benchHierarchicalVae } from './hvae.ts';
import { benchQuickBeta } from './quick-beta.ts';
import { benchTrainingMemory } from './memory.ts';
import type { BenchRow, Benchmark } from './row.ts';
import { benchSweep } from './sweep.ts';
import { benchClassicVae } from './training.ts';

/** The registration list of benchmarks, in the order they run. */
const BENCHMARKS: Benchmark[] = [
  { name: 'quick-beta', run: () => benchQuickBeta(600) },
  { name: 'classic-vae', run: () => benchClassicVae(2) },
  { name: 'beta-vae', run: () => benchBetaVae({ mlp: 200, conv: 100 }) },
  { name: 'hvae', run: () => benchHierarchicalVae(200) },
  { name: 'sweep', run: () => benchSweep(500) },
  { name: 'memory', run: () => benchTrainingMemory(10_000) },
  { name: 'dsprites-render', run: benchDsprites },
  { name: 'report-render', run: benchReports },
  { name: 'quick-suite', run: benchMetricSuite },
  { name: 'kernels', run: async () => (await import('./kernels.ts')).benchKernels() },
];

/** Load averages (1, 5, 15 min): on a shared machine they say how far the figures are lower bounds. */
const load = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100);

function machine(): Record<string, unknown> {
  return { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
}

function format(value: number): string {
  return value >= 100 || Number.isInteger(value) ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}

/** `  0.45x PyTorch 1.13 7,012`, or why the peer was not measured. */
function peer(row: BenchRow): string {
  if (!row.peer) return '';
  if (row.peer.value === undefined) return `  ${row.peer.name}: not measured (${row.peer.missing})`;
  return `  ${(row.value / row.peer.value).toFixed(2)}x ${row.peer.name} ${format(row.peer.value)}`;
}

if (process.argv.includes('--list')) {
  // Loads every benchmark module (so a broken import shows) without running any.
  console.log(BENCHMARKS.map((b) => b.name).join('\n'));
  process.exit(0);
}
const filters = process.argv.slice(2);
const selected = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
if (selected.length === 0) {
  console.error(`bench: no benchmark matches ${filters.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const loadBefore = load();
console.log(`load average ${loadBefore.join(' ')} on ${cpus().length} cores`);
const rows: (BenchRow & { benchmark: string })[] = [];
const seconds: Record<string, number> = {};
const failed: Record<string, string> = {};
const total = performance.now();
for (const bench of selected) {
  const started = performance.now();
  try {
    const result = await bench.run();
    rows.push(...result.map((row) => ({ benchmark: bench.name, ...row })));
    for (const row of result) {
      const ratio = row.baseline ? `  ${(row.value / row.baseline).toFixed(2)}x baseline ${format(row.baseline)}` : '';
      console.log(`${row.name.padEnd(48)} ${row.backend.padEnd(5)} ${format(row.value).padStart(10)} ${row.unit}${ratio}${peer(row)}${row.note ? `  (${row.note})` : ''}`);
    }
  } catch (error) {
    // One broken benchmark must not cost the figures of the others.
    failed[bench.name] = error instanceof Error ? error.message : String(error);
    console.error(`${bench.name}: FAILED: ${failed[bench.name]}`);
  }
  seconds[bench.name] = (performance.now() - started) / 1000;
  console.log(`  [${bench.name}: ${seconds[bench.name].toFixed(1)} s, load average ${load().join(' ')}]`);
}
const loadAfter = load();
console.log(`total ${((performance.now() - total) / 1000).toFixed(0)} s; load average ${loadAfter.join(' ')}`);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), loadAverage: { before: loadBefore, after: loadAfter }, seconds, failed, rows }, null, 2)}\n`);
console.log(`figures written to ${out}`);
if (Object.keys(failed).length > 0) process.exitCode = 1;
