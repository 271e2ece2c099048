import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExperimentStore } from '@vaelab/tracking';
import { validateSweep } from '../sweep/validate.ts';
import { useTempStores } from '@vaelab/testing';
import { runSweep } from '../runner/run-sweep.ts';
import { datasetNames, variantCatalog } from './catalog.ts';
import { variantByName } from '../variants/registry.ts';

/** Width and height from a PNG's IHDR chunk (bytes 16-23, big-endian). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const prepare = (def: Record<string, unknown>) => validateSweep(def, { catalog: variantCatalog, datasets: datasetNames });

describe('the training executor, through real worker processes', () => {
  const storePath = useTempStores();

  it('trains, measures collapse, and stores series, summaries, image grids, the latent scatter and a loadable checkpoint', async () => {
    const path = storePath();
    const sweep = prepare({
      name: 'exec', dataset: 'mnist', variants: ['vae', 'cvae'],
      base: { steps: 40, evalExamples: 200, logEvery: 10, latentDim: 2, architecture: { kind: 'mlp', hidden: [32] } },
      seeds: 1, metrics: ['collapse'],
    });
    const result = await runSweep({ sweep, storePath: path, workers: 2, handleSignals: false });
    expect(result.problems).toEqual([]);
    expect(result.counts.completed).toBe(2);
    const store = ExperimentStore.open(path);
    try {
      for (const run of store.listRuns({ sweep: 'exec' })) {
        expect(run.backend).toBe('wasm');
        const s = run.summaries;
        for (const key of ['loss', 'elbo', 'reconstruction', 'kl', 'kl/dim0', 'kl/dim1', 'active_units', 'mutual_information', 'samples_per_second', 'grad_norm_max']) {
          expect(Number.isFinite(s[key]), `${run.variant} ${key}`).toBe(true);
        }
        expect(s.elbo).toBeCloseTo(-(s.reconstruction + s.kl), 3);
        expect(s.active_units).toBeGreaterThanOrEqual(0);
        expect(s.active_units).toBeLessThanOrEqual(2);
        expect(store.getSeries(run.id, 'loss').map((p) => p.step)).toEqual([10, 20, 30, 40]);
        expect(store.getSeries(run.id, 'test/elbo')).toHaveLength(1);
        const names = store.listArtifacts(run.id).map((a) => a.name).sort();
        const expected = ['checkpoint', 'interpolations.png', 'latents.json', 'reconstructions.png', 'samples.png', 'traversals.png'];
        if (run.variant === 'vae') expected.push('manifold.png');
        expect(names).toEqual(expected.sort());
        // Traversals: one row per latent dimension, 9 values from -3 to 3, 28x28 cells scaled by 2.
        const traversals = pngSize(store.getArtifact(run.id, 'traversals.png')!.bytes);
        expect([traversals.width, traversals.height]).toEqual([9 * 57 + 1, 2 * 57 + 1]);
        const scatter = JSON.parse(new TextDecoder().decode(store.getArtifact(run.id, 'latents.json')!.bytes));
        expect(scatter.points).toHaveLength(200);
        expect(scatter.colourBy).toBe('label');
        const model = variantByName(run.variant).load(store.getArtifact(run.id, 'checkpoint')!.bytes);
        expect(model.variantName).toBe(run.variant);
        model.dispose();
      }
    } finally {
      store.close();
    }
  });

  it('measures every disentanglement metric on dSprites', async () => {
    const path = storePath();
    const sweep = prepare({
      name: 'exec-dsprites', dataset: 'dsprites', variants: ['beta-vae'],
      base: { imageSize: 32, steps: 30, evalExamples: 200, logEvery: 10, latentDim: 4, architecture: { kind: 'mlp', hidden: [32] } },
      seeds: 1, metrics: ['disentanglement'],
    });
    await runSweep({ sweep, storePath: path, workers: 1, handleSignals: false });
    const store = ExperimentStore.open(path);
    try {
      const [good] = store.listRuns({ sweep: 'exec-dsprites' });
      expect(good.status).toBe('completed');
      for (const key of ['mig', 'sap', 'dci_disentanglement', 'dci_completeness', 'dci_informativeness', 'beta_vae_score', 'factor_vae_score', 'irs', 'modularity', 'explicitness', 'downstream_lr_100', 'downstream_gbt_100']) {
        expect(good.summaries[key], key).toBeGreaterThanOrEqual(0);
        expect(good.summaries[key], key).toBeLessThanOrEqual(1);
      }
      expect(JSON.parse(new TextDecoder().decode(store.getArtifact(good.id, 'latents.json')!.bytes)).colourBy).toBe('shape');
      expect(good.summaries.gaussian_total_correlation).toBeGreaterThanOrEqual(0);
      expect(good.summaries.mutual_info_score).toBeGreaterThanOrEqual(0);
    } finally {
      store.close();
    }
  });
});
