/**
 * The decoder description without the trainer: what code that runs saved decoders (reports)
 * imports as `@vaelab/core/decoder`. Nothing here loads TensorFlow.js.
 */
export { DecoderDescriptionError, describeCheckpointDecoder, describeDecoder } from './decoder-description.ts';
export type { DecoderDescription, DecoderInputs, DescribedLayer, WeightLookup } from './decoder-description.ts';
export { DECODER_EVALUATOR_SOURCE, decodeWeights, encodeWeights, evaluateDecoder, evaluateGenerator, toFloat16Bits } from './decoder-evaluator.ts';
export { decoderLayout, denseSteps } from './nn/decoder-layout.ts';
export type { DecoderStep, NetworkShape } from './nn/decoder-layout.ts';
