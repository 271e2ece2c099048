/**
 * The PyTorch peer of the training benchmarks: runs `reference/pytorch_throughput.py` with the
 * same model, loss, optimiser and batch as the vaelab row beside it, on exactly one thread.
 * Needs a `python3` that imports torch (Debian: `apt-get install python3-torch libopenblas0-pthread`); without one
 * the row says so and every other figure is still measured. Tests and CI never need torch.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Peer } from './row.ts';

/** A model as the reference script builds it (see its docstring). */
export interface TorchModelSpec {
  kind: 'mlp' | 'conv' | 'hvae';
  input: [number, number, number];
  batch: number;
  steps: number;
  hidden?: number[];
  latent?: number;
  layers?: number[];
  activation?: 'relu' | 'tanh';
  beta?: number;
}

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'reference', 'pytorch_throughput.py');

/**
 * One thread, both ways: OpenBLAS ignores torch.set_num_threads and takes every core unless
 * OPENBLAS_NUM_THREADS says otherwise; the script also calls torch.set_num_threads(1).
 */
const ONE_THREAD = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

let found: { python: string; version: string } | string | undefined;

/**
 * The first interpreter that imports torch: `VAELAB_PYTHON`, then `python3` on the PATH, then
 * Debian's `/usr/bin/python3` (a pyenv or venv python3 earlier on the PATH does not see
 * Debian's python3-torch). Returns why none did otherwise.
 */
export function findTorch(): { python: string; version: string } | string {
  if (found) return found;
  const candidates = [process.env.VAELAB_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p));
  for (const python of [...new Set(candidates)]) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0) return (found = { python, version: probe.stdout.trim() });
  }
  return (found = `no python3 imports torch (tried ${[...new Set(candidates)].join(', ')}; Debian: apt-get install python3-torch libopenblas0-pthread)`);
}

/**
 * Which BLAS torch ran on. Debian's python3-torch uses whatever libblas.so.3 the alternatives
 * system points to; the reference BLAS (libblas3) is about 15x slower than OpenBLAS and would
 * flatter every ratio, so it is named loudly.
 */
function blasNote(libraries: string[]): string {
  const openblas = libraries.find((l) => l.includes('openblas'));
  if (openblas) return `BLAS ${openblas}`;
  const reference = libraries.find((l) => l.includes('/blas/'));
  if (reference) return `REFERENCE BLAS ${reference}: not a fair peer, install libopenblas0-pthread`;
  return libraries.length > 0 ? `BLAS ${libraries.join(', ')}` : 'BLAS unknown';
}

/** PyTorch's samples/s for `spec` on one thread, or why it was not measured. */
export function torchPeer(spec: TorchModelSpec): Peer {
  const torch = findTorch();
  if (typeof torch === 'string') return { name: 'PyTorch', missing: torch };
  try {
    const out = execFileSync(torch.python, [SCRIPT, JSON.stringify(spec)], {
      encoding: 'utf8', env: { ...process.env, ...ONE_THREAD }, timeout: 15 * 60_000, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { samplesPerSecond: number; threads: number; steps: number; blas: string[] };
    if (result.threads !== 1) return { name: `PyTorch ${torch.version}`, missing: `ran on ${result.threads} threads, not 1` };
    return { name: `PyTorch ${torch.version}`, value: result.samplesPerSecond, note: `1 thread, ${result.steps} steps after 10 warm-up; ${blasNote(result.blas)}` };
  } catch (error) {
    const message = (error as { stderr?: string }).stderr?.trim().split('\n').pop() ?? (error as Error).message;
    return { name: `PyTorch ${torch.version}`, missing: `reference script failed: ${message}` };
  }
}
