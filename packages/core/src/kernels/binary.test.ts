import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNELS_BINARY, checkKernelBinary, compileKernels, stripLinkerState } from '../../csrc/build.ts';

function clangInstalled(): boolean {
  try {
    execFileSync('clang', ['--version'], { stdio: 'ignore' });
    execFileSync('wasm-ld', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('kernels.wasm', () => {
  const committed = new Uint8Array(readFileSync(KERNELS_BINARY));

  it('owns nothing in the memory it shares with tfjs: no data, no globals, only env.memory imported', () => {
    expect(() => checkKernelBinary(committed)).not.toThrow();
  });

  it('is rejected by the check when it carries a global (a shadow stack)', () => {
    // A minimal module importing env.memory and declaring one mutable i32 global.
    const withGlobal = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 2, 15, 1, 3, 101, 110, 118, 6, 109, 101, 109, 111, 114, 121, 2, 0, 0, 6, 6, 1, 127, 1, 65, 0, 11]);
    expect(WebAssembly.validate(withGlobal)).toBe(true);
    expect(() => checkKernelBinary(withGlobal)).toThrow(/globals/);
    expect(() => checkKernelBinary(stripLinkerState(withGlobal))).not.toThrow();
  });

  it.runIf(clangInstalled() || process.env.CI)('is reproduced byte for byte from kernels.c by the build script', () => {
    const rebuilt = compileKernels();
    expect(rebuilt.length).toBe(committed.length);
    expect(Buffer.compare(Buffer.from(rebuilt), Buffer.from(committed))).toBe(0);
  });
});
