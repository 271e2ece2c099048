import type { FactorSpace, ImageDataset, ImageShape, Rng } from '@vaelab/core';
import type { DSpritesShape } from './geometry.ts';
import { DSPRITES_FACTOR_NAMES, DSPRITES_FACTOR_SIZES, DSPRITES_FACTOR_VALUES } from './geometry.ts';
import { MixedRadix } from './mixed-radix.ts';
import { renderSprite } from './render.ts';

/**
 * A sub-grid of dSprites: for each factor, the full-grid value indices to keep (sorted or
 * not, no repeats). A factor left out keeps all its values. Example: only squares, every
 * second x position: `{ shape: [0], posX: everyNth(32, 2) }`.
 */
export interface DSpritesSubgrid {
  /** Indices into [square, ellipse, heart]. @default [0, 1, 2] */
  shape?: readonly number[];
  /** Indices into linspace(0.5, 1, 6). @default all 6 */
  scale?: readonly number[];
  /** Indices into linspace(0, 2π, 40). @default all 40 */
  orientation?: readonly number[];
  /** Indices into linspace(0, 1, 32). @default all 32 */
  posX?: readonly number[];
  /** Indices into linspace(0, 1, 32). @default all 32 */
  posY?: readonly number[];
}

/** Options of {@link DSprites}. */
export interface DSpritesOptions {
  /** Image side: 64 (the original) or 32 (same geometry, a quarter of the pixels). @default 64 */
  imageSize?: 64 | 32;
  /** Factor values to keep. @default the full 737,280-image grid */
  subgrid?: DSpritesSubgrid;
  /** Dataset name. @default 'dsprites' (plus '-32' for 32x32) */
  name?: string;
}

/** `[start, start + step, ...]` below `count`: a strided selection of factor values. */
export function everyNth(count: number, step: number, start = 0): number[] {
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`everyNth: step must be a positive integer, got ${step}`);
  const out: number[] = [];
  for (let i = start; i < count; i += step) out.push(i);
  return out;
}

function checkSubgrid(subgrid: DSpritesSubgrid): number[][] {
  return DSPRITES_FACTOR_NAMES.map((name, k) => {
    const full = DSPRITES_FACTOR_SIZES[k];
    const chosen = subgrid[name];
    if (chosen === undefined) return Array.from({ length: full }, (_, i) => i);
    if (chosen.length === 0) throw new RangeError(`dsprites subgrid: ${name} keeps no values`);
    const seen = new Set<number>();
    for (const i of chosen) {
      if (!Number.isInteger(i) || i < 0 || i >= full) {
        throw new RangeError(`dsprites subgrid: ${name} index ${i} outside 0..${full - 1}`);
      }
      if (seen.has(i)) throw new RangeError(`dsprites subgrid: ${name} index ${i} repeated`);
      seen.add(i);
    }
    return [...chosen];
  });
}

/**
 * Procedural dSprites: every combination of shape x scale x orientation x posX x posY of a
 * (sub-)grid, rendered on demand so no image array is ever stored. Example `i` has the
 * factors given by the mixed-radix digits of `i` (posY fastest, as in the original, so on
 * the full grid the index equals the original's). Factor indices used by this class are
 * positions within the sub-grid; `gridIndices` maps them to the full grid.
 *
 * `labels` returns the shape (its sub-grid index), so the set can condition a model on shape.
 */
export class DSprites implements ImageDataset {
  readonly name: string;
  readonly size: number;
  readonly shape: ImageShape;
  readonly numClasses: number;
  readonly factors: FactorSpace;
  /** Full-grid value index of each sub-grid value, per factor. */
  readonly gridIndices: readonly (readonly number[])[];
  /** Value of each sub-grid value, per factor (shape index, scale, radians, position). */
  readonly factorValues: readonly (readonly number[])[];
  readonly #radix: MixedRadix;
  readonly #side: number;

  constructor(options: DSpritesOptions = {}) {
    const side = options.imageSize ?? 64;
    if (side !== 64 && side !== 32) throw new RangeError(`dsprites: imageSize must be 64 or 32, got ${String(side)}`);
    this.#side = side;
    this.gridIndices = checkSubgrid(options.subgrid ?? {});
    this.factorValues = this.gridIndices.map((indices, k) => indices.map((i) => DSPRITES_FACTOR_VALUES[k][i]));
    this.#radix = new MixedRadix(this.gridIndices.map((v) => v.length));
    this.name = options.name ?? (side === 64 ? 'dsprites' : 'dsprites-32');
    this.size = this.#radix.size;
    this.shape = [side, side, 1];
    this.numClasses = this.gridIndices[0].length;
    this.factors = {
      names: DSPRITES_FACTOR_NAMES,
      sizes: this.#radix.sizes,
      sample: (n, rng) => this.sampleFactors(n, rng),
      observe: (factors, out) => this.render(factors, out),
      factorsOf: (indices) => this.factorsOf(indices),
    };
  }

  /** Number of values of each factor in this (sub-)grid. */
  get factorSizes(): readonly number[] {
    return this.#radix.sizes;
  }

  /** Factor rows (`n x 5`, sub-grid indices) of examples `indices`. */
  factorsOf(indices: ArrayLike<number>): Int32Array {
    const k = this.#radix.sizes.length;
    const out = new Int32Array(indices.length * k);
    for (let i = 0; i < indices.length; i++) this.#decode(indices[i], out, i * k);
    return out;
  }

  /** Example index of each factor row (`n x 5`, sub-grid indices): the inverse of `factorsOf`. */
  indicesOf(factors: Int32Array): Int32Array {
    const n = this.#rows(factors);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.#radix.encode(factors, i * 5);
    return out;
  }

  /** Draws `n` factor rows uniformly from the (sub-)grid. */
  sampleFactors(n: number, rng: Rng): Int32Array {
    const sizes = this.#radix.sizes;
    const out = new Int32Array(n * sizes.length);
    for (let i = 0; i < out.length; i++) out[i] = rng.int(sizes[i % sizes.length]);
    return out;
  }

  /** Renders factor rows (`n x 5`, sub-grid indices) into `out` (`n x side*side`, binary). */
  render(factors: Int32Array, out?: Float32Array): Float32Array {
    const n = this.#rows(factors);
    const pixels = this.#side * this.#side;
    const result = this.#output(n, out);
    for (let i = 0; i < n; i++) this.#renderRow(factors, i * 5, result, i * pixels);
    return result;
  }

  images(indices: ArrayLike<number>, out?: Float32Array): Float32Array {
    const pixels = this.#side * this.#side;
    const result = this.#output(indices.length, out);
    const digits = new Int32Array(5);
    for (let i = 0; i < indices.length; i++) {
      this.#decode(indices[i], digits, 0);
      this.#renderRow(digits, 0, result, i * pixels);
    }
    return result;
  }

  labels(indices: ArrayLike<number>): Int32Array {
    const out = new Int32Array(indices.length);
    const stride = this.#radix.strides[0];
    for (let i = 0; i < indices.length; i++) {
      this.#check(indices[i]);
      out[i] = Math.floor(indices[i] / stride);
    }
    return out;
  }

  /** Full-grid factor indices of sub-grid factor rows (e.g. to compare with the original). */
  toFullGrid(factors: Int32Array): Int32Array {
    const n = this.#rows(factors);
    const out = new Int32Array(factors.length);
    for (let i = 0; i < n * 5; i++) out[i] = this.gridIndices[i % 5][this.#digit(factors, i)];
    return out;
  }

  #renderRow(factors: ArrayLike<number>, at: number, out: Float32Array, offset: number): void {
    const v = this.factorValues;
    renderSprite(
      {
        shape: v[0][this.#digit(factors, at)] as DSpritesShape,
        scale: v[1][this.#digit(factors, at + 1)],
        orientation: v[2][this.#digit(factors, at + 2)],
        posX: v[3][this.#digit(factors, at + 3)],
        posY: v[4][this.#digit(factors, at + 4)],
      },
      this.#side,
      out,
      offset,
    );
  }

  #digit(factors: ArrayLike<number>, at: number): number {
    const k = at % 5, d = factors[at];
    if (!Number.isInteger(d) || d < 0 || d >= this.#radix.sizes[k]) {
      throw new RangeError(`${this.name}: ${DSPRITES_FACTOR_NAMES[k]} index ${d} outside 0..${this.#radix.sizes[k] - 1}`);
    }
    return d;
  }

  #decode(index: number, out: Int32Array, offset: number): void {
    this.#radix.decode(this.#check(index), out, offset);
  }

  #check(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`${this.name}: index ${index} outside 0..${this.size - 1}`);
    }
    return index;
  }

  #rows(factors: Int32Array): number {
    if (factors.length % 5 !== 0) throw new RangeError(`${this.name}: ${factors.length} factor values are not whole rows of 5`);
    return factors.length / 5;
  }

  #output(n: number, out?: Float32Array): Float32Array {
    const needed = n * this.#side * this.#side;
    if (out && out.length < needed) throw new RangeError(`${this.name}: output holds ${out.length} values, need ${needed}`);
    return out ?? new Float32Array(needed);
  }
}
