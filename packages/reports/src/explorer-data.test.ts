import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '@vaelab/core/checkpoint';
import { describeCheckpointDecoder, evaluateDecoder, evaluateGenerator } from '@vaelab/core/decoder';
import { fixtureCheckpoint } from '@vaelab/testing/reports';
import { ExplorerUnsupportedError, HIERARCHICAL_CAPTION, embeddedDescription, explorerModel } from './explorer-data.ts';

describe('explorerModel', () => {
  // The fixture is 28x28 (MLP only); the conv decoder's float16 tolerance is tested in experiments' decoder-description test.
  it('embeds a CVAE decoder in float16 that draws what the float32 one does, to 1e-2 per pixel', async () => {
    const bytes = await fixtureCheckpoint({ variant: 'cvae', latentDim: 3, numClasses: 4, architecture: { kind: 'mlp', hidden: [32] }, legible: false });
    const model = explorerModel(bytes, 7, ['a', 'b', 'c', 'd']);
    expect([model.latentDim, model.conditionSize, model.classLabels, model.weightEncoding]).toEqual([3, 4, ['a', 'b', 'c', 'd'], 'float16']);
    const exact = describeCheckpointDecoder(decodeCheckpoint(bytes));
    const embedded = embeddedDescription(model);
    for (const input of [[0, 0, 0, 1, 0, 0, 0], [1.5, -2, 0.7, 0, 0, 1, 0]]) {
      const a = evaluateDecoder(embedded, input), b = evaluateDecoder(exact, input);
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
      expect(worst).toBeLessThan(1e-2);
    }
    // float16 halves the weights: the JSON is about half of float32's base64.
    const float32Weights = exact.layers.reduce((n, l) => n + (l.op === 'dense' ? l.kernel.length + l.bias.length : l.op === 'conv-transpose' ? l.filter.length + l.bias.length : 0), 0);
    expect(JSON.stringify(model).length).toBeLessThan(0.55 * Math.ceil((float32Weights * 4) / 3) * 4);
  });

  it('embeds a hierarchical run from its top layer: the float16 generative path draws what the float32 one does, to 1e-2', async () => {
    const bytes = await fixtureCheckpoint({ variant: 'hvae', latentDim: 5, extra: { layers: [5, 3, 2] }, legible: false });
    const model = explorerModel(bytes, 3);
    expect([model.latentDim, model.latentCaption, model.topDown?.priors.map((p) => p.size)]).toEqual([2, HIERARCHICAL_CAPTION, [3, 5]]);
    const exact = describeCheckpointDecoder(decodeCheckpoint(bytes));
    const embedded = embeddedDescription(model);
    for (const input of [[0, 0], [1.5, -2]]) {
      const a = evaluateGenerator(embedded, input), b = evaluateGenerator(exact, input);
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
      expect(worst).toBeLessThan(1e-2);
    }
  });

  it('refuses a hierarchical checkpoint written before checkpoints described the prior networks, saying why', async () => {
    const bytes = await fixtureCheckpoint({ variant: 'hvae', latentDim: 2, extra: { layers: [2, 2] }, withoutPriorDescription: true });
    expect(() => explorerModel(bytes, 3)).toThrow(ExplorerUnsupportedError);
    expect(() => explorerModel(bytes, 3)).toThrow('explorer not available for hierarchical runs (run #3: its checkpoint predates the description of the prior networks; retrain it to explore it)');
  });
});
