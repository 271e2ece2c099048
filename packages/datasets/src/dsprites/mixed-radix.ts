/**
 * Mixed-radix numbering of a factor grid: index = Σ digit_k · stride_k with the last factor
 * varying fastest (row-major, as the original dSprites array is ordered: posY fastest).
 */
export class MixedRadix {
  /** Number of values of each digit. */
  readonly sizes: readonly number[];
  /** Index step of each digit. */
  readonly strides: readonly number[];
  /** Number of grid points, the product of `sizes`. */
  readonly size: number;

  constructor(sizes: readonly number[]) {
    if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new RangeError(`MixedRadix: sizes must be positive integers, got [${sizes.join(', ')}]`);
    }
    this.sizes = [...sizes];
    const strides = new Array<number>(sizes.length);
    let stride = 1;
    for (let k = sizes.length - 1; k >= 0; k--) {
      strides[k] = stride;
      stride *= sizes[k];
    }
    this.strides = strides;
    this.size = stride;
  }

  /** Index of the digits `digits[offset .. offset + K)`. */
  encode(digits: ArrayLike<number>, offset = 0): number {
    let index = 0;
    for (let k = 0; k < this.sizes.length; k++) {
      const d = digits[offset + k];
      if (!Number.isInteger(d) || d < 0 || d >= this.sizes[k]) {
        throw new RangeError(`MixedRadix: digit ${k} is ${d}, outside 0..${this.sizes[k] - 1}`);
      }
      index += d * this.strides[k];
    }
    return index;
  }

  /** Writes the digits of `index` into `out[offset .. offset + K)`. */
  decode(index: number, out: Int32Array, offset = 0): Int32Array {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`MixedRadix: index ${index} outside 0..${this.size - 1}`);
    }
    let rest = index;
    for (let k = 0; k < this.sizes.length; k++) {
      const d = Math.floor(rest / this.strides[k]);
      out[offset + k] = d;
      rest -= d * this.strides[k];
    }
    return out;
  }
}
