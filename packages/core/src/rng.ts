/**
 * Seeded pseudo-random numbers for everything that must be reproducible: weight
 * initialisation, batch order, reparameterisation noise, dynamic binarisation.
 *
 * The generator is xoshiro128** (Blackman & Vigna 2018), seeded through splitmix32 so that
 * nearby integer seeds give unrelated streams.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate (Box–Muller, one cached spare). */
  normal(): number;
  /** Fills `out` with standard normal deviates and returns it. */
  fillNormal(out: Float32Array): Float32Array;
  /** Fills `out` with uniform floats in [0, 1) and returns it. */
  fillUniform(out: Float32Array): Float32Array;
  /** In-place Fisher–Yates shuffle. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T;
  /** A new generator whose stream is independent of this one (for a sub-task). */
  fork(): Rng;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator from an integer seed. The same seed always gives the same stream. */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const init = splitmix32(Math.floor(seed) ^ 0x5eed);
  let s0 = init(), s1 = init(), s2 = init(), s3 = init();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  let spare: number | undefined;

  const nextUint = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    s0 >>>= 0; s1 >>>= 0;
    return result;
  };
  const next = (): number => nextUint() / 4294967296;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    normal,
    fillNormal(out) {
      for (let i = 0; i < out.length; i++) out[i] = normal();
      return out;
    },
    fillUniform(out) {
      for (let i = 0; i < out.length; i++) out[i] = next();
      return out;
    },
    shuffle(array) {
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = array[i];
        array[i] = array[j];
        array[j] = tmp;
      }
      return array;
    },
    fork: () => createRng(nextUint()),
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
