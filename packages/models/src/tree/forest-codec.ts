/**
 * The compact form of a fitted forest, shared by the encoder (build time) and the decoder (browser): typed
 * arrays as little-endian bytes in base64, in the layout below. Free of Node APIs.
 *
 * - Nodes of every tree, trees one after another, each in depth-first preorder (root first, a node's left
 *   subtree right after it, then its right subtree), so the children need not be stored: the left child of
 *   internal node i is i + 1 and its right child the node after the left subtree.
 * - `feature`: one byte per node, the split feature, or {@link LEAF} for a leaf.
 * - `threshold`: one Uint16 per internal node (in node order), an index into `thresholds[feature]`, the
 *   feature's distinct split thresholds as exact doubles; a row goes left when x[feature] ≤ threshold.
 * - Leaves (in node order): `leafSize` one byte each, the number of classes with a non-zero count; then that
 *   many entries in `leafClass` (one byte) and `leafCount` (`countBytes` bytes, unsigned). A leaf's class
 *   probability is count / (sum of the leaf's counts): the same double the tree grower stored, as it divided
 *   the same integer class weights by their sum.
 */

/** The `feature` byte of a leaf. */
export const LEAF = 255;

/** Bytes per leaf count: the narrowest that holds the largest count. */
export type CountBytes = 1 | 2 | 4;

/** The encoded arrays (see the module comment); what the `model-forest-super-genre` result stores. */
export interface EncodedForest {
  nFeatures: number;
  nClasses: number;
  /** Nodes per tree, in tree order. */
  nodes: number[];
  feature: string;
  threshold: string;
  thresholds: number[][];
  leafSize: string;
  leafClass: string;
  countBytes: CountBytes;
  leafCount: string;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Bytes of a standard base64 string (padding required when the length needs it); throws on anything else. */
export function fromBase64(text: string, what = "base64"): Uint8Array {
  if (text.length % 4 !== 0) throw new Error(`${what}: base64 length ${text.length} is not a multiple of 4`);
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      const last = i + 4 === text.length;
      if (code === 61 && last && j >= 4 - padding) {
        n <<= 6;
        continue;
      }
      const v = code < 128 ? (DECODE[code] as number) : -1;
      if (v < 0) throw new Error(`${what}: invalid base64 character at ${i + j}`);
      n = (n << 6) | v;
    }
    out[o++] = n >>> 16;
    if (o < out.length) out[o++] = (n >>> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Little-endian bytes of unsigned integers, `width` bytes each. */
export function packUnsigned(values: ArrayLike<number>, width: CountBytes | 2): Uint8Array {
  const out = new Uint8Array(values.length * width);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    for (let b = 0; b < width; b++) out[i * width + b] = (v >>> (8 * b)) & 255;
  }
  return out;
}

/** The unsigned integers in little-endian `bytes`, `width` bytes each. */
export function unpackUnsigned(bytes: Uint8Array, width: CountBytes | 2, what: string): Uint32Array {
  if (bytes.length % width !== 0)
    throw new Error(`${what}: ${bytes.length} bytes is not a multiple of ${width}`);
  const out = new Uint32Array(bytes.length / width);
  for (let i = 0; i < out.length; i++) {
    let v = 0;
    for (let b = width - 1; b >= 0; b--) v = v * 256 + (bytes[i * width + b] as number);
    out[i] = v;
  }
  return out;
}
