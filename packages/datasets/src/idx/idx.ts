import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
export const IDX_IMAGES_MAGIC = 2051;
/** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
export const IDX_LABELS_MAGIC = 2049;

/** Images read from an IDX3 file. */
export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** Row-major `count x rows*cols` bytes. */
  pixels: Uint8Array;
}

/**
 * Returns the bytes of an IDX file, gunzipped when it starts with the gzip magic (so a `.gz`
 * that was already unpacked, or a raw file named `.gz`, both work). `file` names the file in
 * errors.
 */
export function decodeIdxBytes(raw: Uint8Array, file: string): Uint8Array {
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return new Uint8Array(gunzipSync(raw));
    } catch (error) {
      throw new Error(`${file}: corrupt gzip data (${(error as Error).message})`);
    }
  }
  return raw;
}

/** Reads and (if gzipped) decompresses an IDX file. */
export function readIdxFile(path: string): Uint8Array {
  return decodeIdxBytes(new Uint8Array(readFileSync(path)), path);
}

function header(bytes: Uint8Array, file: string, words: number, magic: number, what: string): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The magic number comes first so that a wrong kind of file is reported as such.
  if (bytes.length >= 4 && view.getUint32(0, false) !== magic) {
    const found = view.getUint32(0, false);
    throw new Error(
      `${file}: bad magic number ${found} (0x${found.toString(16).padStart(8, '0')}), expected ${magic} for IDX ${what}`,
    );
  }
  if (bytes.length < 4 * words) {
    throw new Error(`${file}: truncated, expected at least ${4 * words} header bytes, got ${bytes.length}`);
  }
  return Array.from({ length: words }, (_, i) => view.getUint32(4 * i, false));
}

function checkLength(bytes: Uint8Array, file: string, expected: number): void {
  if (bytes.length < expected) {
    throw new Error(`${file}: truncated, expected ${expected} bytes, got ${bytes.length}`);
  }
  if (bytes.length > expected) {
    throw new Error(`${file}: ${bytes.length - expected} unexpected bytes after the data, expected ${expected} bytes`);
  }
}

/** Parses an IDX3 unsigned-byte image file (magic 2051), checking the header and length. */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const [, count, rows, cols] = header(bytes, file, 4, IDX_IMAGES_MAGIC, 'images (unsigned byte, 3 dimensions)');
  if (rows === 0 || cols === 0) throw new Error(`${file}: image size ${rows}x${cols} is empty`);
  checkLength(bytes, file, 16 + count * rows * cols);
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

/**
 * Parses an IDX1 unsigned-byte label file (magic 2049), checking the header, the length and
 * that every label is below `numClasses`.
 */
export function parseIdxLabels(bytes: Uint8Array, file: string, numClasses = 10): Uint8Array {
  const [, count] = header(bytes, file, 2, IDX_LABELS_MAGIC, 'labels (unsigned byte, 1 dimension)');
  checkLength(bytes, file, 8 + count);
  const labels = bytes.subarray(8);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= numClasses) {
      throw new Error(`${file}: label ${labels[i]} at index ${i} is outside 0..${numClasses - 1}`);
    }
  }
  return labels;
}

/** Encodes images as an IDX3 unsigned-byte file (used by tests and tools). */
export function encodeIdxImages(pixels: Uint8Array, rows: number, cols: number): Uint8Array {
  const count = pixels.length / (rows * cols);
  if (!Number.isInteger(count)) throw new Error(`encodeIdxImages: ${pixels.length} bytes are not whole ${rows}x${cols} images`);
  const out = new Uint8Array(16 + pixels.length);
  const view = new DataView(out.buffer);
  [IDX_IMAGES_MAGIC, count, rows, cols].forEach((v, i) => view.setUint32(4 * i, v, false));
  out.set(pixels, 16);
  return out;
}

/** Encodes labels as an IDX1 unsigned-byte file (used by tests and tools). */
export function encodeIdxLabels(labels: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + labels.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, IDX_LABELS_MAGIC, false);
  view.setUint32(4, labels.length, false);
  out.set(labels, 8);
  return out;
}
