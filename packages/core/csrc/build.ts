/**
 * Builds packages/core/wasm/kernels.wasm from kernels.c with Debian's clang 14 and wasm-ld:
 * `pnpm --filter @vaelab/core build:wasm`. The binary is committed, so users need no compiler;
 * a test rebuilds it where clang is installed and checks the bytes are identical.
 *
 * The module shares the tfjs wasm backend's memory, so the build proves it owns nothing in it:
 * wasm-ld always emits a `__stack_pointer` global and a function table, which this script
 * removes; the result must still validate, which it only does when no instruction touches a
 * global (no shadow stack) or the table. A data section, or an import other than the memory,
 * fails the build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomicSync } from '../src/files.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The C source. */
export const KERNELS_SOURCE = join(here, 'kernels.c');
/** The committed binary the loader reads. */
export const KERNELS_BINARY = join(here, '..', 'wasm', 'kernels.wasm');

const SECTION = { custom: 0, type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6, export: 7, start: 8, element: 9, code: 10, data: 11, dataCount: 12 } as const;

/** The compiler and linker flags; changing them changes the committed bytes. */
export const CLANG_ARGS = [
  '--target=wasm32', '-O3', '-msimd128', '-nostdlib', '-ffp-contract=off',
  '-Wl,--no-entry', '-Wl,--import-memory', '-Wl,--strip-all',
];

function readLeb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

interface Section { id: number; start: number; end: number; bodyStart: number }

function sections(bytes: Uint8Array): Section[] {
  const out: Section[] = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [length, bodyStart] = readLeb(bytes, at + 1);
    out.push({ id, start: at, end: bodyStart + length, bodyStart });
    at = bodyStart + length;
  }
  return out;
}

/** Drops the global and table sections wasm-ld adds by default (see the file comment). */
export function stripLinkerState(bytes: Uint8Array): Uint8Array {
  const keep = sections(bytes).filter((s) => s.id !== SECTION.global && s.id !== SECTION.table);
  const parts = [bytes.subarray(0, 8), ...keep.map((s) => bytes.subarray(s.start, s.end))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Throws unless the binary is safe to run inside the tfjs backend's memory (see the file comment). */
export function checkKernelBinary(binary: Uint8Array): void {
  const bytes = new Uint8Array(binary);
  const problems: string[] = [];
  const list = sections(bytes);
  for (const s of list) {
    if (s.id === SECTION.data || s.id === SECTION.dataCount) problems.push('it has a data section (static data would overwrite tfjs memory)');
    if (s.id === SECTION.global) problems.push('it has globals (a shadow stack would live in tfjs memory)');
    if (s.id === SECTION.memory) problems.push('it defines its own memory instead of importing the backend\'s');
    if (s.id === SECTION.start) problems.push('it has a start function');
  }
  const module = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(module);
  if (imports.length !== 1 || imports[0].kind !== 'memory' || imports[0].module !== 'env' || imports[0].name !== 'memory') {
    problems.push(`it must import exactly env.memory, imports ${imports.map((i) => `${i.module}.${i.name} (${i.kind})`).join(', ') || 'nothing'}`);
  }
  if (!WebAssembly.validate(bytes)) problems.push('it does not validate');
  if (problems.length > 0) throw new Error(`kernels.wasm: ${problems.join('; ')}`);
}

/** Compiles kernels.c and returns the checked binary. Throws when clang is missing or the check fails. */
export function compileKernels(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'vaelab-kernels-'));
  try {
    const linked = join(dir, 'kernels.wasm');
    execFileSync('clang', [...CLANG_ARGS, '-o', linked, KERNELS_SOURCE], { stdio: ['ignore', 'inherit', 'inherit'] });
    const bytes = stripLinkerState(readFileSync(linked));
    checkKernelBinary(bytes);
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  let bytes: Uint8Array;
  try {
    bytes = compileKernels();
  } catch (error) {
    console.error(`build:wasm: ${(error as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
  try {
    writeFileAtomicSync(KERNELS_BINARY, bytes);
  } catch (error) {
    console.error(`build:wasm: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`build:wasm: wrote ${KERNELS_BINARY} (${bytes.length} bytes)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
