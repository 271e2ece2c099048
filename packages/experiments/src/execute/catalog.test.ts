import { describe, expect, it } from 'vitest';
import { variantCatalog } from './catalog.ts';

describe('variantCatalog trainingSamples', () => {
  it('is steps x batch size, the batch size from the parameters when given', () => {
    expect(variantCatalog.vae.trainingSamples!({ steps: 100, batchSize: 32 })).toBe(3200);
    expect(variantCatalog['factor-vae'].trainingSamples!({ steps: 7, batchSize: 64, gamma: 40 })).toBe(448);
    expect(variantCatalog.cvae.trainingSamples!({ steps: 10, batchSize: 5 })).toBe(50);
  });

  it("takes the training config's default batch size otherwise (128, the classic VAE's), and knows no length for a run trained by epochs", () => {
    expect(variantCatalog.hvae.trainingSamples!({ steps: 100, layers: [8, 4] })).toBe(12_800);
    expect(variantCatalog.vae.trainingSamples!({ epochs: 3 })).toBeUndefined();
  });
});
