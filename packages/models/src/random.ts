/**
 * A seeded pseudo-random number generator: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/),
 * whose 128-bit state is filled from the seed by SplitMix64 as the authors recommend. Only 32-bit integer
 * arithmetic (Math.imul, shifts) and BigInt are used, so a seed gives the same sequence on every platform.
 *
 * Not for cryptography. It replaces numpy's `RandomState`: sequences differ from numpy's, but every
 * procedure that draws from it (shuffles, bootstraps, folds) follows the sklearn algorithm it mirrors.
 */
export class Random {
  // Four 32-bit words of xoshiro128** state; never all zero (SplitMix64 output is a bijection of its counter).
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  /**
   * @param seed any integer (number or bigint), taken modulo 2^64. The state is the two SplitMix64 outputs
   *   that follow the seed, low word first: s0 = lo(z1), s1 = hi(z1), s2 = lo(z2), s3 = hi(z2).
   */
  constructor(seed: number | bigint) {
    if (typeof seed === "number" && !Number.isSafeInteger(seed)) {
      throw new RangeError(`seed must be a safe integer, got ${seed}`);
    }
    let x = BigInt.asUintN(64, BigInt(seed));
    x = BigInt.asUintN(64, x + GOLDEN_GAMMA);
    const z1 = mix64(x);
    x = BigInt.asUintN(64, x + GOLDEN_GAMMA);
    const z2 = mix64(x);
    this.#s0 = Number(z1 & MASK32);
    this.#s1 = Number(z1 >> 32n);
    this.#s2 = Number(z2 & MASK32);
    this.#s3 = Number(z2 >> 32n);
  }

  /** The next 32 random bits, as an integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.#s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /**
   * Fills `out` with the next `out.length` values of `nextUint32` (the same sequence), with the state in local
   * variables for the loop: about twice as fast per value as calling `nextUint32`, for per-row draws.
   */
  fillUint32(out: Uint32Array): Uint32Array {
    let s0 = this.#s0;
    let s1 = this.#s1;
    let s2 = this.#s2;
    let s3 = this.#s3;
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
    }
    this.#s0 = s0;
    this.#s1 = s1;
    this.#s2 = s2;
    this.#s3 = s3;
    return out;
  }

  /** A float uniform on [0, 1) with 53 random bits (two draws: the high 27 bits of the first, 26 of the second). */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * An integer uniform on [0, n), for 1 ≤ n ≤ 2^32, without modulo bias: draws above the largest multiple of n
   * below 2^32 are rejected and redrawn.
   */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32) {
      throw new RangeError(`nextInt needs an integer n in [1, 2^32], got ${n}`);
    }
    const limit = TWO_32 - (TWO_32 % n);
    let r = this.nextUint32();
    while (r >= limit) r = this.nextUint32();
    return r % n;
  }

  /** Shuffles `array` in place by Fisher–Yates (from the last element down, as numpy's `shuffle`) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A random permutation of 0..n-1 (like `numpy.random.permutation(n)`). */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /**
   * k distinct integers drawn uniformly from [0, n) without replacement, in random order (a partial
   * Fisher–Yates from the front; memory O(k) when k is small next to n).
   */
  sample(n: number, k: number): Int32Array {
    if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`cannot sample ${k} of ${n}`);
    const out = new Int32Array(k);
    if (k * 8 >= n) {
      const pool = new Int32Array(n);
      for (let i = 0; i < n; i++) pool[i] = i;
      for (let i = 0; i < k; i++) {
        const j = i + this.nextInt(n - i);
        const v = pool[j] as number;
        pool[j] = pool[i] as number;
        pool[i] = v;
        out[i] = v;
      }
    } else {
      // The same swaps over a virtual identity array: only displaced entries are stored.
      const moved = new Map<number, number>();
      for (let i = 0; i < k; i++) {
        const j = i + this.nextInt(n - i);
        const v = moved.get(j) ?? j;
        moved.set(j, moved.get(i) ?? i);
        out[i] = v;
      }
    }
    return out;
  }

  /** `size` integers drawn uniformly from [0, n) with replacement: a bootstrap sample's row indices. */
  bootstrap(n: number, size: number = n): Int32Array {
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = this.nextInt(n);
    return out;
  }

  /**
   * A new generator for stream `streamId`, seeded by hashing this generator's current state with the id.
   * This generator is not advanced, so the same state and id always give the same stream (e.g. tree t of a
   * forest gets `rng.fork(t)` whatever order trees are built in). Streams are independent in the sense that
   * their 64-bit seeds are SplitMix64 hashes; this is not a jump-ahead.
   */
  fork(streamId: number | bigint): Random {
    if (typeof streamId === "number" && !Number.isSafeInteger(streamId)) {
      throw new RangeError(`streamId must be a safe integer, got ${streamId}`);
    }
    const a = (BigInt(this.#s1 >>> 0) << 32n) | BigInt(this.#s0 >>> 0);
    const b = (BigInt(this.#s3 >>> 0) << 32n) | BigInt(this.#s2 >>> 0);
    const digest = mix64(a ^ mix64(b));
    const id = mix64(BigInt.asUintN(64, BigInt.asUintN(64, BigInt(streamId)) + GOLDEN_GAMMA));
    return new Random(mix64(digest ^ id));
  }
}

const TWO_32 = 4294967296;
const MASK32 = 0xffffffffn;
const MASK64 = 0xffffffffffffffffn;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;

/** SplitMix64's output function (a bijection on 64-bit words). */
function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
