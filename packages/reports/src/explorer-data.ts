import { decodeCheckpoint } from '@vaelab/core/checkpoint';
import { DecoderDescriptionError, describeCheckpointDecoder, encodeWeights } from '@vaelab/core/decoder';
import type { DecoderDescription, DescribedLayer } from '@vaelab/core/decoder';

/**
 * How the page stores decoder weights: IEEE half precision, base64. Half the bytes of float32;
 * each weight keeps 11 significant bits (relative error at most 2^-11), which moves the pixel
 * means the explorer draws by well under one grey level of 256 (core's decoder-description test
 * bounds the change at 1e-2 on a conv decoder).
 */
export const EXPLORER_WEIGHT_ENCODING = 'float16';

/** `L` with every weight array as base64 text. */
type Encoded<L> = { [K in keyof L]: L[K] extends Float32Array ? string : L[K] };

/** A described layer as the page embeds it: every weight array as base64 of {@link EXPLORER_WEIGHT_ENCODING}. */
export type ExplorerLayer = Encoded<DescribedLayer>;

/**
 * Everything the explorer page needs to decode latent vectors into images: core's description
 * of the run's decoder (`@vaelab/core/decoder`) with its weights encoded, plus what the controls
 * show. The page runs it with core's plain-JS evaluator.
 */
export interface ExplorerModel extends Omit<DecoderDescription, 'layers'> {
  runId: number;
  variant: string;
  /** Sliders: the decoder's latent width. */
  latentDim: number;
  /** Names of the classes (for the selector), `conditionSize` long. */
  classLabels: string[];
  inputShape: [number, number, number];
  weightEncoding: typeof EXPLORER_WEIGHT_ENCODING;
  layers: ExplorerLayer[];
}

/** Why a checkpoint cannot be explored. */
export class ExplorerUnsupportedError extends Error {
  override readonly name = 'ExplorerUnsupportedError';
}

const HIERARCHICAL = 'explorer not available for hierarchical runs';

function encodeLayer(layer: DescribedLayer): ExplorerLayer {
  const encode = (values: Float32Array): string => encodeWeights(values, EXPLORER_WEIGHT_ENCODING);
  switch (layer.op) {
    case 'dense': return { ...layer, kernel: encode(layer.kernel), bias: encode(layer.bias) };
    case 'reshape': return layer;
    case 'conv-transpose': return { ...layer, filter: encode(layer.filter), bias: encode(layer.bias) };
  }
}

/**
 * The decoder of a single-latent checkpoint (vae, beta-vae, cvae and the disentanglement
 * methods) for the page. A hierarchical model's decoder reads z1, whose prior is conditional on
 * the layer above, so sliding z1 over N(0, 1) ranges is not a walk through its prior: those runs
 * are refused with {@link ExplorerUnsupportedError}.
 */
export function explorerModel(bytes: Uint8Array, runId: number, classNames: readonly string[] = []): ExplorerModel {
  const checkpoint = decodeCheckpoint(bytes, `checkpoint of run ${runId}`);
  let description: DecoderDescription;
  try {
    description = describeCheckpointDecoder(checkpoint);
  } catch (error) {
    if (!(error instanceof DecoderDescriptionError)) throw error;
    // A hierarchical checkpoint written before checkpoints recorded their decoder cannot be described.
    throw new ExplorerUnsupportedError(Array.isArray(checkpoint.config.layers) ? HIERARCHICAL : error.message);
  }
  if (description.latentSize !== Number(checkpoint.config.latentDim)) throw new ExplorerUnsupportedError(HIERARCHICAL);
  const { conditionSize, outputShape } = description;
  return {
    ...description,
    runId,
    variant: checkpoint.variant,
    latentDim: description.latentSize,
    classLabels: Array.from({ length: conditionSize }, (_, i) => classNames.length === conditionSize ? classNames[i] : `class ${i}`),
    inputShape: outputShape,
    weightEncoding: EXPLORER_WEIGHT_ENCODING,
    layers: description.layers.map(encodeLayer),
  };
}
