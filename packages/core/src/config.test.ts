import { describe, expect, it } from 'vitest';
import { ConfigError, baseVaeConfigSchema, normalizeConfig } from './config.ts';
import { refusal } from '@vaelab/testing';

/** The message a partial config is refused with, or 'ok'. */
const refused = (input: Record<string, unknown>): string => refusal(() => normalizeConfig(baseVaeConfigSchema, input, 'VAE config'), ConfigError);

describe('config bounds', () => {
  it('names NaN and Infinity instead of calling them null', () => {
    expect(refused({ latentDim: Number.NaN })).toBe('VAE config: latentDim: must be a number, got NaN');
    expect(refused({ observationLogVariance: Number.POSITIVE_INFINITY })).toBe('VAE config: observationLogVariance: must be a finite number, got Infinity');
    expect(refused({ freeBits: Number.NEGATIVE_INFINITY })).toBe('VAE config: freeBits: must be a finite number, got -Infinity');
    expect(refused({ klSchedule: { kind: 'constant', weight: Number.NaN } })).toBe('VAE config: klSchedule.weight: must be a number, got NaN');
  });

  it('refuses values a run cannot use, with the reason', () => {
    expect(refused({ latentDim: 1e9 })).toMatch(/^VAE config: latentDim: must be <= 4096 \(more latent dimensions than .+\), got 1000000000$/);
    expect(refused({ klSchedule: { kind: 'linear', steps: 1e300 } })).toMatch(/^VAE config: klSchedule\.steps: must be <= 1e9 \(more steps than a run can finish.*\), got 1e\+300$/);
    expect(refused({ inputShape: [2048, 28, 1] })).toMatch(/^VAE config: inputShape\[0\]: must be <= 1024 \(.+\), got 2048$/);
    expect(refused({ inputShape: [28, 28, 5] })).toMatch(/^VAE config: inputShape\[2\]: must be <= 4 \(.*RGBA\), got 5$/);
    expect(refused({ architecture: { kind: 'mlp', hidden: [400, 1e6] } })).toMatch(/^VAE config: architecture\.hidden\[1\]: must be <= 16384 \(.+\), got 1000000$/);
    expect(refused({ seed: 2 ** 32 })).toMatch(/^VAE config: seed: must be <= 4294967295 \(.*32-bit seed\), got 4294967296$/);
    expect(refused({ logvarRange: [-100, 10] })).toMatch(/^VAE config: logvarRange\[0\]: must be >= -50 \(.*float32.*\), got -100$/);
  });

  it('tells a model config that sets a training field where it belongs', () => {
    for (const field of ['learningRate', 'batchSize', 'gradientClipNorm']) {
      expect(refused({ [field]: 1 })).toMatch(new RegExp(`^VAE config: ${field}: is part of the training config now, not the model config`));
    }
  });

  it('accepts the bounds themselves and words type and structure errors the same way', () => {
    expect(refused({ latentDim: 4096, seed: 2 ** 32 - 1, klSchedule: { kind: 'linear', steps: 1e9 } })).toBe('ok');
    expect(refused({ latentDim: 2.5 })).toBe('VAE config: latentDim: must be an integer, got 2.5');
    expect(refused({ latentDim: '3' })).toBe('VAE config: latentDim: must be a number, got "3"');
    expect(refused({ latentDimm: 3 })).toBe('VAE config: latentDimm: unknown field; did you mean latentDim?');
    expect(refused({ freebits: 0.1 })).toBe('VAE config: freebits: unknown field; did you mean freeBits?');
    expect(refused({ warmup: 3 })).toBe('VAE config: warmup: unknown field');
    expect(refused({ architecture: { kind: 'mlp', hiden: [3] } })).toBe('VAE config: architecture.hiden: unknown field');
    expect(refused({ architecture: { kind: 'cnn' } })).toBe('VAE config: architecture.kind: must be one of mlp, conv, got "cnn"');
    expect(refused({ inputShape: [28, 28] })).toBe('VAE config: inputShape: must list at least 3 values, got [28,28]');
    expect(refused({ activation: 'gelu' })).toBe('VAE config: activation: must be one of relu, tanh, elu, sigmoid, linear, leakyRelu, got "gelu"');
  });

  it('reports every bad field, one line each', () => {
    expect(refused({ latentDim: 0, freeBits: -1 }).split('\n')).toEqual([
      'VAE config: latentDim: must be >= 1, got 0',
      'VAE config: freeBits: must be >= 0, got -1',
    ]);
  });
});
