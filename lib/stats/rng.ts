import { assertInteger } from './validate.ts';

/** A seeded source of uniform random numbers. Not cryptographic. */
export interface Rng {
  /** The seed this generator was created with, for the record of a run. */
  readonly seed: number;
  /** A uniform integer in [0, 2³²). */
  nextUint32(): number;
  /** A uniform float in [0, 1) with 32 random bits. */
  nextFloat(): number;
  /** A uniform integer in [0, bound), without modulo bias; bound from 1 to 2³². */
  nextInt(bound: number): number;
}

const TWO_POW_32 = 4294967296;

/**
 * Creates a deterministic PRNG, so every bootstrap in Verdict is reproducible from its seed.
 *
 * Generator: xoshiro128** 1.1 (D. Blackman & S. Vigna (2021), "Scrambled Linear Pseudorandom
 * Number Generators", ACM TOMS 47(4); reference C at https://prng.di.unimi.it/xoshiro128starstar.c),
 * period 2¹²⁸ − 1. The 128-bit state is filled from the 32-bit seed with SplitMix32 — SplitMix
 * (Steele, Lea & Flood 2014) with the golden-ratio increment 0x9e3779b9 and the MurmurHash3 fmix32
 * finaliser — as Vigna recommends (never seed xoshiro with raw, mostly-zero words).
 * `nextInt` redraws values ≥ 2³² − (2³² mod bound) before reducing modulo bound, so every
 * residue is equally likely (no modulo bias).
 *
 * The stream is not numpy's, so results differ from Python bootstraps with the same seed; compare
 * them statistically (docs/metrics.md §4.6).
 *
 * @param seed - any integer; it is reduced modulo 2³².
 * @example
 * const rng = createRng(12345);
 * rng.nextInt(10); // same value on every run
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`createRng: seed must be a safe integer, got ${String(seed)}`);
  }
  const state = seedState(seed >>> 0);
  const nextUint32 = (): number => stepXoshiro128StarStar(state);
  return {
    seed,
    nextUint32,
    nextFloat: () => nextUint32() / TWO_POW_32,
    nextInt: (bound: number) => {
      assertInteger('Rng.nextInt', 'bound', bound, 1);
      if (bound > TWO_POW_32) throw new RangeError(`Rng.nextInt: bound must be ≤ 2^32, got ${bound}`);
      const threshold = TWO_POW_32 - (TWO_POW_32 % bound);
      let draw = nextUint32();
      while (draw >= threshold) draw = nextUint32();
      return draw % bound;
    },
  };
}

/** SplitMix32: four well-mixed, not-all-zero 32-bit words from one seed. */
function seedState(seed: number): Uint32Array {
  const state = new Uint32Array(4);
  let x = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    state[i] = (z ^ (z >>> 16)) >>> 0;
  }
  if (state[0] === 0 && state[1] === 0 && state[2] === 0 && state[3] === 0) state[0] = 1;
  return state;
}

/** One xoshiro128** step: result = rotl(s1 · 5, 7) · 9, then the xor-shift state update. */
/** Internal (exported for the reference-vector test only; not in index.ts). */
export function stepXoshiro128StarStar(s: Uint32Array): number {
  const result = Math.imul(rotateLeft(Math.imul(s[1], 5), 7), 9) >>> 0;
  const t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotateLeft(s[3], 11);
  return result;
}

function rotateLeft(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
