import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '@vaelab/core/checkpoint';
import { decodeWeights, describeCheckpointDecoder, evaluateDecoder } from '@vaelab/core/decoder';
import type { DecoderDescription } from '@vaelab/core/decoder';
import { fixtureCheckpoint } from '@vaelab/testing/reports';
import { ExplorerUnsupportedError, explorerModel } from './explorer-data.ts';
import type { ExplorerModel } from './explorer-data.ts';

/** The embedded model read back as the page reads it (`vaelabFloats` on every weight). */
function readBack(model: ExplorerModel): DecoderDescription {
  const floats = (b64: string): Float32Array => decodeWeights(b64, model.weightEncoding);
  return {
    ...model,
    layers: model.layers.map((l) => l.op === 'dense' ? { ...l, kernel: floats(l.kernel), bias: floats(l.bias) }
      : l.op === 'conv-transpose' ? { ...l, filter: floats(l.filter), bias: floats(l.bias) } : l),
  };
}

describe('explorerModel', () => {
  // The fixture is 28x28 (MLP only); the conv decoder's float16 tolerance is tested in experiments' decoder-description test.
  it('embeds a CVAE decoder in float16 that draws what the float32 one does, to 1e-2 per pixel', async () => {
    const bytes = await fixtureCheckpoint({ variant: 'cvae', latentDim: 3, numClasses: 4, architecture: { kind: 'mlp', hidden: [32] }, legible: false });
    const model = explorerModel(bytes, 7, ['a', 'b', 'c', 'd']);
    expect([model.latentDim, model.conditionSize, model.classLabels, model.weightEncoding]).toEqual([3, 4, ['a', 'b', 'c', 'd'], 'float16']);
    const exact = describeCheckpointDecoder(decodeCheckpoint(bytes));
    const embedded = readBack(model);
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

  it('refuses a hierarchical checkpoint, whose decoder reads z1 and not the whole latent', async () => {
    const bytes = await fixtureCheckpoint({ variant: 'hvae', latentDim: 2, extra: { layers: [2, 2], latentDim: 4 } });
    expect(() => explorerModel(bytes, 3)).toThrow(ExplorerUnsupportedError);
    expect(() => explorerModel(bytes, 3)).toThrow('explorer not available for hierarchical runs');
  });
});
