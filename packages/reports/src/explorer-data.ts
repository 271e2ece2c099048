import { decodeCheckpoint } from '@vaelab/core/checkpoint';
import { DecoderDescriptionError, decodeWeights, describeCheckpointDecoder, encodeWeights } from '@vaelab/core/decoder';
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
export interface ExplorerModel extends Omit<DecoderDescription, 'layers' | 'topDown'> {
  runId: number;
  variant: string;
  /** Sliders: the latent the page decodes from (the top layer z_L of a hierarchical run, else the decoder's). */
  latentDim: number;
  /** What the sliders move, shown under them. */
  latentCaption: string;
  /** Names of the classes (for the selector), `conditionSize` long. */
  classLabels: string[];
  inputShape: [number, number, number];
  weightEncoding: typeof EXPLORER_WEIGHT_ENCODING;
  layers: ExplorerLayer[];
  /** A hierarchical run's prior networks, top first (core's `topDown`), weights encoded like `layers`. */
  topDown?: { latentSize: number; priors: { size: number; layers: ExplorerLayer[] }[] };
}

/** Why a checkpoint cannot be explored. */
export class ExplorerUnsupportedError extends Error {
  override readonly name = 'ExplorerUnsupportedError';
}

/** The start of the note for a hierarchical checkpoint that does not describe its prior networks. */
export const HIERARCHICAL_UNAVAILABLE = 'explorer not available for hierarchical runs';

/** The caption of a hierarchical run's sliders: the page's walk down the generative path is deterministic. */
export const HIERARCHICAL_CAPTION = 'z_L; lower layers at the mean of p(z_l-1 | z_l)';

function encodeLayer(layer: DescribedLayer): ExplorerLayer {
  const encode = (values: Float32Array): string => encodeWeights(values, EXPLORER_WEIGHT_ENCODING);
  switch (layer.op) {
    case 'dense': return { ...layer, kernel: encode(layer.kernel), bias: encode(layer.bias) };
    case 'reshape': return layer;
    case 'conv-transpose': return { ...layer, filter: encode(layer.filter), bias: encode(layer.bias) };
  }
}

/**
 * The generative path of a checkpoint for the page. A single-latent run (vae, beta-vae, cvae and
 * the disentanglement methods) is its decoder, the sliders moving z under its N(0, I) prior. A
 * hierarchical run's sliders move the top layer z_L, the one with the N(0, I) prior; the page
 * walks down through the means of the conditional priors p(z_{l-1} | z_l) to z1 and decodes it
 * (Burda et al. 2015's top-down generative model with every lower layer at its mean, not a
 * draw), from the prior networks the checkpoint describes. A hierarchical checkpoint written
 * before checkpoints described them is refused with {@link ExplorerUnsupportedError}, since
 * sliding z1 over N(0, 1) ranges would not be a walk through its prior.
 */
export function explorerModel(bytes: Uint8Array, runId: number, classNames: readonly string[] = []): ExplorerModel {
  const checkpoint = decodeCheckpoint(bytes, `checkpoint of run ${runId}`);
  const layered = Array.isArray(checkpoint.config.layers) && checkpoint.config.layers.length > 1;
  let description: DecoderDescription;
  try {
    description = describeCheckpointDecoder(checkpoint);
  } catch (error) {
    if (!(error instanceof DecoderDescriptionError)) throw error;
    throw new ExplorerUnsupportedError(layered ? `${HIERARCHICAL_UNAVAILABLE} (run #${runId}: ${error.message})` : error.message);
  }
  const { topDown, conditionSize, outputShape, ...decoder } = description;
  if (layered && !topDown) {
    throw new ExplorerUnsupportedError(`${HIERARCHICAL_UNAVAILABLE} (run #${runId}: its checkpoint predates the description of the prior networks; retrain it to explore it)`);
  }
  return {
    ...decoder,
    conditionSize,
    outputShape,
    runId,
    variant: checkpoint.variant,
    latentDim: topDown ? topDown.latentSize : description.latentSize,
    latentCaption: topDown ? HIERARCHICAL_CAPTION : 'z under its N(0, I) prior',
    classLabels: Array.from({ length: conditionSize }, (_, i) => classNames.length === conditionSize ? classNames[i] : `class ${i}`),
    inputShape: outputShape,
    weightEncoding: EXPLORER_WEIGHT_ENCODING,
    layers: description.layers.map(encodeLayer),
    ...(topDown ? { topDown: { latentSize: topDown.latentSize, priors: topDown.priors.map((p) => ({ size: p.size, layers: p.layers.map(encodeLayer) })) } } : {}),
  };
}

/**
 * An embedded model read back as the page reads it (every weight through the page's own
 * `vaelabFloats`): the description the page runs, for checking what it draws.
 */
export function embeddedDescription(model: ExplorerModel): DecoderDescription {
  const floats = (b64: string): Float32Array => decodeWeights(b64, model.weightEncoding);
  const read = (layers: ExplorerLayer[]): DescribedLayer[] => layers.map((l) => l.op === 'dense' ? { ...l, kernel: floats(l.kernel), bias: floats(l.bias) }
    : l.op === 'conv-transpose' ? { ...l, filter: floats(l.filter), bias: floats(l.bias) } : l);
  const { topDown, ...rest } = model;
  return {
    ...rest,
    layers: read(model.layers),
    ...(topDown ? { topDown: { latentSize: topDown.latentSize, priors: topDown.priors.map((p) => ({ size: p.size, layers: read(p.layers) })) } } : {}),
  };
}
