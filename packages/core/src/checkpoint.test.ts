import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import type * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint, readCheckpoint } from './checkpoint.ts';
import { crc32 } from './crc32.ts';

/** Stand-ins for tf.Variables: encodeCheckpoint only reads `shape` and `dataSync()`. */
function weights(entries: Record<string, { shape: number[]; values: number[] }>): ReadonlyMap<string, tf.Variable> {
  return new Map(Object.entries(entries).map(([name, w]) => [name, { shape: w.shape, dataSync: () => Float32Array.from(w.values) } as unknown as tf.Variable]));
}

const model = weights({ 'enc/kernel': { shape: [2, 3], values: [1, -2, 3.5, 0.25, -0.125, 6] }, 'enc/bias': { shape: [3], values: [0.5, 0, -1] } });

/** A format-1 file as vaelab wrote it before checksums: the same layout without the trailer. */
function formatOne(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Record<string, unknown>;
  const text = new TextEncoder().encode(JSON.stringify({ ...header, format: 1 }));
  const oldStart = Math.ceil((12 + headerLength) / 4) * 4;
  const data = bytes.subarray(oldStart, bytes.length - 4);
  const start = Math.ceil((12 + text.length) / 4) * 4;
  const out = new Uint8Array(start + data.length);
  out.set(bytes.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, text.length, true);
  out.set(text, 12);
  out.set(data, start);
  return out;
}

describe('crc32', () => {
  it('gives the standard check value and agrees with zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    for (const size of [1, 7, 1000, 65_537]) {
      const bytes = randomBytes(size);
      expect(crc32(bytes)).toBe((zlib as unknown as { crc32: (b: Uint8Array) => number }).crc32(bytes));
    }
  });
});

describe('checkpoint checksum', () => {
  it('round-trips bit-exactly and reports the checksum verified', () => {
    const decoded = decodeCheckpoint(encodeCheckpoint('vae', { latentDim: 3 }, model), 'model.vaelab');
    expect(decoded.checksum).toBe('crc32');
    expect(decoded.config).toEqual({ latentDim: 3 });
    expect([...decoded.tensors.get('enc/kernel')!.values]).toEqual([1, -2, 3.5, 0.25, -0.125, 6]);
  });

  it('refuses a file with four flipped bytes in the weights or a cut one, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaelab-checkpoint-'));
    try {
      const path = join(dir, 'model.vaelab');
      const bytes = encodeCheckpoint('vae', { latentDim: 3 }, model);
      const damaged = bytes.slice();
      const weightsAt = bytes.length - 4 - 9 * 4;
      for (let i = 0; i < 4; i++) damaged[weightsAt + 5 + i] ^= 0xff;
      writeFileSync(path, damaged);
      await expect(readCheckpoint(path)).rejects.toThrow(new RegExp(`^${path.replace(/[.]/g, '\\.')}: damaged checkpoint \\(CRC-32 of the contents is 0x[0-9a-f]{8}, the file records 0x[0-9a-f]{8}\\)`));
      expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 6), path)).toThrow(/damaged checkpoint/);
      writeFileSync(path, bytes);
      expect((await readCheckpoint(path)).checksum).toBe('crc32');
      expect(readFileSync(path).length).toBe(bytes.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still loads a format-1 file, with a warning naming it once', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const old = formatOne(encodeCheckpoint('vae', { latentDim: 3 }, model));
      const decoded = decodeCheckpoint(old, 'old.vaelab');
      decodeCheckpoint(old, 'old.vaelab');
      expect(decoded.checksum).toBe('none');
      expect([...decoded.tensors.get('enc/bias')!.values]).toEqual([0.5, 0, -1]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/^old\.vaelab: checkpoint format 1 carries no checksum/);
    } finally {
      warn.mockRestore();
    }
  });
});
