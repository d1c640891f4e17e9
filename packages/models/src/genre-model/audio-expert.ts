/**
 * Share of a uniform distribution mixed into the audio forest's probabilities before they are pooled: a forest
 * gives many genres probability exactly 0, whose logarithm the log-linear pool cannot take. Mixing is
 * monotone, so the audio expert's ranking (top-k) is unchanged.
 */
export const AUDIO_UNIFORM_MIX = 1e-3;

/** (1 − ε)·p + ε/K for every row of an n × K probability matrix: strictly positive, same ranking. */
export function mixUniform(proba: Float64Array, nClasses: number, epsilon = AUDIO_UNIFORM_MIX): Float64Array {
  if (!(epsilon > 0 && epsilon < 1)) throw new RangeError(`epsilon must be in (0, 1), got ${epsilon}`);
  const floor = epsilon / nClasses;
  // A plain loop: Float64Array.from with a map function is ~100× slower on matrices this size (n × 114).
  const mixed = new Float64Array(proba.length);
  for (let i = 0; i < proba.length; i++) mixed[i] = (1 - epsilon) * (proba[i] as number) + floor;
  return mixed;
}
