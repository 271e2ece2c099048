import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { selectBackend } from './backend.ts';
import { BaseVAE } from './model.ts';
import { baseVaeConfigSchema, normalizeConfig } from './config.ts';
import type { BaseVaeConfig } from './config.ts';
import { applyFlag, defineVariant, variantFlags } from './descriptor.ts';

const schema = baseVaeConfigSchema.extend({
  strength: z.number().min(0).default(3).describe('how hard the penalty pulls'),
  steps: z.number().int().default(10).describe('ramp length'),
  sizes: z.array(z.number().int()).default([4, 2]).describe('layer sizes'),
  mode: z.enum(['i', 'ii']).default('i').describe('which penalty'),
  inner: z.object({ maxValue: z.number().default(25).describe('target'), weight: z.number().default(7).describe('weight') }).nullable().default(null),
});
type Config = BaseVaeConfig & z.output<typeof schema>;

class ToyVAE extends BaseVAE<Config> {
  readonly variantName = 'toy';
  constructor(config: Record<string, unknown>) {
    super(normalizeConfig(schema, config) as Config);
  }
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('variant descriptors', () => {
  it('derive one flag per own field, nested fields joined in kebab case, with the schema text and default', () => {
    const flags = variantFlags(schema, { 'inner.weight': 'weight' });
    expect(flags.map((f) => [f.name, f.kind, f.default])).toEqual([
      ['strength', 'number', 3], ['steps', 'integer', 10], ['sizes', 'numbers', [4, 2]], ['mode', 'choice', 'i'],
      ['inner-max-value', 'number', 25], ['weight', 'number', 7],
    ]);
    expect(flags[0].description).toBe('how hard the penalty pulls');
    expect(flags[3].choices).toEqual(['i', 'ii']);
    expect(flags.some((f) => f.name === 'latent-dim')).toBe(false); // base fields are the command's
  });

  it('refuse an own field without a description, since it would be a flag without help', () => {
    const bare = baseVaeConfigSchema.extend({ strength: z.number().default(1) });
    expect(() => variantFlags(bare, {}, 'bare')).toThrow(/variant 'bare': config field 'strength' needs a \.describe\(\) text/);
  });

  it('apply a nested flag by creating its object and keeping its siblings', () => {
    const [, , , , maxValue, weight] = variantFlags(schema);
    const config: Record<string, unknown> = { inner: null };
    applyFlag(config, maxValue, 50);
    expect(config).toEqual({ inner: { maxValue: 50 } });
    applyFlag(config, weight, 2);
    expect(config).toEqual({ inner: { maxValue: 50, weight: 2 } });
  });

  it('create from a partial config and load checkpoint bytes back, refusing another variant', () => {
    const toy = defineVariant({ name: 'toy', description: 'a toy', citation: 'none', schema, create: (c) => new ToyVAE(c) });
    const model = toy.create({ inputShape: [4, 4, 1], latentDim: 2, architecture: { kind: 'mlp', hidden: [8] }, strength: 5 });
    expect(model.config.strength).toBe(5);
    const copy = toy.load(model.toBytes());
    expect(copy.config).toEqual(model.config);
    const [a, b] = [model.variables.get('decoder/dense0/kernel')!, copy.variables.get('decoder/dense0/kernel')!];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    const other = defineVariant({ name: 'other', description: '', citation: '', schema, create: (c) => new ToyVAE(c) });
    expect(() => other.load(model.toBytes(), 'm.vaelab')).toThrow(/m\.vaelab: holds a 'toy' model, not 'other'/);
    model.dispose();
    copy.dispose();
  });
});
