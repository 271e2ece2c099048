import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { VAE } from './vae.ts';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('VAE', () => {
  it('defaults to the classic 784-400-20 model', () => {
    const vae = new VAE();
    expect(vae.config.latentDim).toBe(20);
    expect(vae.variables.get('encoder/dense0/kernel')!.shape).toEqual([784, 400]);
    expect(vae.variables.get('encoder/dense1/kernel')!.shape).toEqual([400, 40]);
    expect(vae.variables.get('decoder/dense1/kernel')!.shape).toEqual([400, 784]);
    vae.dispose();
  });

  it('learns real MNIST digits: the held-out ELBO improves over a few hundred steps', async () => {
    const mnist = loadDataset('mnist');
    const vae = new VAE({ latentDim: 10, architecture: { kind: 'mlp', hidden: [200] } });
    const before = vae.evaluate(mnist.test, { maxExamples: 500 });
    const result = await vae.fit(mnist.train, { steps: 300, test: mnist.test, evalExamples: 500 });
    expect(result.status).toBe('completed');
    expect(result.test!.elbo).toBeGreaterThan(before.elbo + 300); // from ~-545 nats (untrained) to ~-150
    expect(result.test!.elbo).toBeLessThan(-80);
    expect(result.test!.kl).toBeGreaterThan(1);
    vae.dispose();
  });

  it('encodes, decodes, samples and interpolates with the documented shapes and ranges', () => {
    const vae = new VAE({ latentDim: 4, architecture: { kind: 'mlp', hidden: [32] } });
    const x = tf.zeros([3, 784]) as tf.Tensor2D;
    const { mu, logvar } = vae.encode(x);
    expect(mu.shape).toEqual([3, 4]);
    expect(logvar.shape).toEqual([3, 4]);
    const samples = vae.sample(5, { seed: 1 });
    expect(samples.shape).toEqual([5, 784]);
    const values = samples.dataSync();
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    expect(vae.sample(5, { seed: 1 }).dataSync()).toEqual(values);
    const path = vae.interpolate(tf.zeros([1, 784]) as tf.Tensor2D, tf.ones([1, 784]) as tf.Tensor2D, 7);
    expect(path.shape).toEqual([7, 784]);
    expect(vae.reconstruct(x).shape).toEqual([3, 784]);
    vae.dispose();
  });

  it('saves and loads bit-exactly', async () => {
    const vae = new VAE({ latentDim: 4, architecture: { kind: 'mlp', hidden: [32] }, seed: 3 });
    const path = join(mkdtempSync(join(tmpdir(), 'vaelab-vae-')), 'vae.vaelab');
    await vae.save(path);
    const loaded = await VAE.load(path);
    for (const [name, v] of vae.variables) expect(loaded.variables.get(name)!.dataSync()).toEqual(v.dataSync());
    expect(VAE.fromBytes(vae.toBytes()).config).toEqual(vae.config);
    vae.dispose();
    loaded.dispose();
  });

  it('rejects bad config by field name', () => {
    expect(() => new VAE({ latentDim: 0 })).toThrow(/^VAE config: latentDim: must be >= 1, got 0$/);
    expect(() => new VAE({ architecture: { kind: 'mlp', hidden: [-4] } })).toThrow(/^VAE config: architecture\.hidden\[0\]: must be >= 1, got -4$/);
  });
});
