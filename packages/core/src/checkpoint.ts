import { readFile } from 'node:fs/promises';
import type * as tf from '@tensorflow/tfjs-core';
import { crc32 } from './crc32.ts';
import { writeFileAtomic } from './files.ts';
import type { DecoderInputs } from './decoder-description.ts';
import { FORMER_MODEL_FIELDS } from './config.ts';

/**
 * A checkpoint is one file: an 8-byte magic, a little-endian uint32 header length, a JSON
 * header `{ format, variant, config, tensors: [{ name, shape, offset }] }`, zero padding to a
 * 4-byte boundary, every tensor's float32 values (little-endian) back to back, and (format 2)
 * a little-endian uint32 CRC-32 of everything before it, so a damaged file is refused instead
 * of evaluated. Format-1 files (no checksum) still load, with a warning. No framework file
 * handler is involved, so it works on every backend and round-trips bit-exactly.
 */
const MAGIC = new Uint8Array([0x56, 0x41, 0x45, 0x4c, 0x41, 0x42, 0x00, 0x01]); // "VAELAB" 0 1
/** The format written: 2 adds the CRC-32 trailer. */
const FORMAT = 2;
/** The format before checksums, still read. */
const UNCHECKED_FORMAT = 1;
const TRAILER = 4;

/** Saved weights by name. */
export type CheckpointTensors = Map<string, { shape: number[]; values: Float32Array }>;

/** A decoded checkpoint. */
export interface Checkpoint {
  variant: string;
  /** The model config: what the model is. */
  config: Record<string, unknown>;
  /**
   * Training settings the file carried in its model config, from before the training config
   * had a home of its own (`learningRate`, `batchSize`, `gradientClipNorm`): moved out of
   * `config` so the model builds, kept here so they are not lost. Empty for newer files.
   */
  formerTraining: Record<string, unknown>;
  tensors: CheckpointTensors;
  /** `crc32` when the file's checksum was verified; `none` for a format-1 file, which has none. */
  checksum: 'crc32' | 'none';
  /** What the model's decoder reads (absent in checkpoints written before it was recorded). */
  decoder?: DecoderInputs;
}

interface Header {
  format: number;
  variant: string;
  config: Record<string, unknown>;
  tensors: { name: string; shape: number[]; offset: number }[];
  decoder?: DecoderInputs;
}

/** Serialises a model's variables and config. */
export function encodeCheckpoint(variant: string, config: object, variables: ReadonlyMap<string, tf.Variable>, decoder?: DecoderInputs): Uint8Array {
  const entries: Header['tensors'] = [];
  const arrays: Float32Array[] = [];
  let offset = 0;
  for (const [name, variable] of variables) {
    const values = variable.dataSync() as Float32Array;
    entries.push({ name, shape: [...variable.shape], offset });
    arrays.push(values);
    offset += values.length;
  }
  const header = new TextEncoder().encode(JSON.stringify({ format: FORMAT, variant, config: config as Record<string, unknown>, tensors: entries, ...(decoder ? { decoder } : {}) } satisfies Header));
  const dataStart = Math.ceil((MAGIC.length + 4 + header.length) / 4) * 4;
  const bytes = new Uint8Array(dataStart + offset * 4 + TRAILER);
  bytes.set(MAGIC, 0);
  new DataView(bytes.buffer).setUint32(MAGIC.length, header.length, true);
  bytes.set(header, MAGIC.length + 4);
  const view = new DataView(bytes.buffer, dataStart);
  let k = 0;
  for (const values of arrays) for (let i = 0; i < values.length; i++, k++) view.setFloat32(k * 4, values[i], true);
  const end = bytes.length - TRAILER;
  new DataView(bytes.buffer).setUint32(end, crc32(bytes.subarray(0, end)), true);
  return bytes;
}

/** Sources already warned about, so a file read twice warns once. */
const warned = new Set<string>();

/** Parses checkpoint bytes; `source` names the file in errors. A damaged file (checksum mismatch) throws. */
export function decodeCheckpoint(bytes: Uint8Array, source = 'checkpoint'): Checkpoint {
  if (bytes.length < MAGIC.length + 4 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new Error(`${source}: not a vaelab checkpoint (bad magic bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  if (MAGIC.length + 4 + headerLength > bytes.length) throw new Error(`${source}: truncated header`);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength))) as Header;
  } catch (error) {
    throw new Error(`${source}: corrupt header (${(error as Error).message})`);
  }
  if (header.format !== FORMAT && header.format !== UNCHECKED_FORMAT) throw new Error(`${source}: unsupported checkpoint format ${header.format}`);
  const checked = header.format === FORMAT;
  const dataStart = Math.ceil((MAGIC.length + 4 + headerLength) / 4) * 4;
  const dataEnd = checked ? bytes.length - TRAILER : bytes.length;
  if (checked) {
    if (dataEnd < dataStart) throw new Error(`${source}: truncated (no checksum)`);
    const recorded = view.getUint32(dataEnd, true);
    const actual = crc32(bytes.subarray(0, dataEnd));
    if (recorded !== actual) {
      throw new Error(`${source}: damaged checkpoint (CRC-32 of the contents is ${hex(actual)}, the file records ${hex(recorded)}); it was changed or cut after it was written`);
    }
  } else if (!warned.has(source)) {
    warned.add(source);
    process.emitWarning(`${source}: checkpoint format 1 carries no checksum, so damage cannot be detected; saving the model again writes format 2`, 'VaelabWarning');
  }
  const tensors: CheckpointTensors = new Map();
  for (const entry of header.tensors) {
    const count = entry.shape.reduce((a, b) => a * b, 1);
    const end = dataStart + (entry.offset + count) * 4;
    if (end > dataEnd) throw new Error(`${source}: truncated data for weight '${entry.name}'`);
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = view.getFloat32(dataStart + (entry.offset + i) * 4, true);
    tensors.set(entry.name, { shape: entry.shape, values });
  }
  const { config, formerTraining } = moveFormerTrainingFields(header.config);
  return { variant: header.variant, config, formerTraining, tensors, checksum: checked ? 'crc32' : 'none', ...(header.decoder ? { decoder: header.decoder } : {}) };
}

/**
 * Splits a saved model config into the model's fields and the training settings earlier
 * versions kept in it (see `FORMER_MODEL_FIELDS`), so their checkpoints keep loading.
 */
function moveFormerTrainingFields(saved: Record<string, unknown>): { config: Record<string, unknown>; formerTraining: Record<string, unknown> } {
  const config: Record<string, unknown> = {};
  const formerTraining: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(saved ?? {})) {
    if (FORMER_MODEL_FIELDS.includes(key)) formerTraining[key] = value;
    else config[key] = value;
  }
  return { config, formerTraining };
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/** Writes checkpoint bytes atomically (a temporary file in the same folder, then a rename); a failed write leaves no file behind. */
export async function writeCheckpoint(path: string, bytes: Uint8Array): Promise<void> {
  await writeFileAtomic(path, bytes);
}

/** Reads and decodes a checkpoint file. */
export async function readCheckpoint(path: string): Promise<Checkpoint> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`${path}: cannot read checkpoint (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return decodeCheckpoint(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}

/**
 * Rebuilds a model from a checkpoint: checks the variant name, builds the model from the saved
 * config with `create`, then loads the weights.
 */
export function restoreModel<M extends { setWeights(tensors: CheckpointTensors): void }>(
  checkpoint: Checkpoint,
  variant: string,
  create: (config: Record<string, unknown>) => M,
  source = 'checkpoint',
): M {
  if (checkpoint.variant !== variant) {
    throw new Error(`${source}: holds a '${checkpoint.variant}' model, not '${variant}'`);
  }
  const model = create(checkpoint.config);
  model.setWeights(checkpoint.tensors);
  return model;
}
