/**
 * Each genre's super-genre, read off the rows (genre i of row r belongs to super-genre s of row r). Throws
 * when a genre maps to two super-genres or never occurs.
 */
export function superGenreOfGenre(genre: Int32Array, superGenre: Int32Array, nGenres: number): Int32Array {
  if (genre.length !== superGenre.length)
    throw new Error(`${genre.length} genre labels, ${superGenre.length} super-genre labels`);
  const map = new Int32Array(nGenres).fill(-1);
  for (let r = 0; r < genre.length; r++) {
    const g = genre[r] as number;
    const s = superGenre[r] as number;
    if (map[g] === -1) map[g] = s;
    else if (map[g] !== s) throw new Error(`genre ${g} belongs to super-genres ${map[g]} and ${s}`);
  }
  const missing = map.indexOf(-1);
  if (missing >= 0) throw new Error(`genre ${missing} has no rows: its super-genre is unknown`);
  return map;
}

/** Genre probabilities (n × K) summed into super-genre probabilities (n × nSuper). */
export function sumIntoSuperGenres(proba: Float64Array, superOf: Int32Array, nSuper: number): Float64Array {
  const K = superOf.length;
  const n = proba.length / K;
  if (!Number.isInteger(n)) throw new Error(`${proba.length} probabilities are not rows of ${K} genres`);
  const out = new Float64Array(n * nSuper);
  for (let i = 0; i < n; i++) {
    for (let g = 0; g < K; g++) {
      const o = i * nSuper + (superOf[g] as number);
      out[o] = (out[o] as number) + (proba[i * K + g] as number);
    }
  }
  return out;
}
