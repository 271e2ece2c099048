import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, availableBackends, selectBackend } from './backend.ts';

function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

describe('backend selection', () => {
  it('auto picks the first backend that loads, in the documented order', async () => {
    const expected = installed('@tensorflow/tfjs-node-gpu') ? 'tensorflow-gpu' : installed('@tensorflow/tfjs-node') ? 'tensorflow' : 'wasm';
    const chosen = await selectBackend('auto');
    expect(chosen).toBe(expected);
    expect(tf.getBackend()).toBe(expected.startsWith('tensorflow') ? 'tensorflow' : expected);
  });

  it('an explicit choice that cannot load is a clear error, not a silent fallback', async () => {
    if (installed('@tensorflow/tfjs-node')) return;
    await expect(selectBackend('tensorflow')).rejects.toThrow(BackendUnavailableError);
    await expect(selectBackend('tensorflow')).rejects.toThrow(/'tensorflow' is not available.*pnpm add/);
  });

  it('switches between the portable backends and lists what loads', async () => {
    expect(await selectBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await selectBackend('wasm')).toBe('wasm');
    const found = await availableBackends();
    expect(found).toEqual(expect.arrayContaining(['wasm', 'cpu']));
    expect(tf.getBackend()).toBe('wasm');
  });
});
