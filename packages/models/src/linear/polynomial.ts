import type { Matrix } from "../matrix.ts";

export interface PolynomialOptions {
  /** Highest total degree; sklearn's default and the seed's choice is 2. */
  degree?: number;
  /** Lead with the all-ones column (sklearn's `include_bias=True`, the default). */
  includeBias?: boolean;
  /** Only products of distinct features (sklearn's `interaction_only`); default false. */
  interactionOnly?: boolean;
}

/**
 * The output columns of sklearn's `PolynomialFeatures(degree, include_bias, interaction_only)`, each as the
 * list of input feature indices multiplied (empty for the bias column), in sklearn's order: the bias, then
 * for each degree d = 1..degree the multisets of size d in lexicographic order, as Python's
 * `itertools.combinations_with_replacement(range(n), d)` yields them (`combinations` when interaction-only).
 * For degree 2 over (a, b, c): 1, a, b, c, a², ab, ac, b², bc, c².
 */
export function polynomialTerms(nFeatures: number, options: PolynomialOptions = {}): number[][] {
  const { degree = 2, includeBias = true, interactionOnly = false } = options;
  if (!Number.isInteger(degree) || degree < 0)
    throw new RangeError(`degree must be an integer ≥ 0, got ${degree}`);
  const terms: number[][] = includeBias ? [[]] : [];
  const current: number[] = [];
  const extend = (start: number, remaining: number) => {
    if (remaining === 0) {
      terms.push([...current]);
      return;
    }
    for (let j = start; j < nFeatures; j++) {
      current.push(j);
      extend(interactionOnly ? j + 1 : j, remaining - 1);
      current.pop();
    }
  };
  for (let d = 1; d <= degree; d++) extend(0, d);
  return terms;
}

/** sklearn's `PolynomialFeatures(...).fit_transform(X)`: each row expanded into {@link polynomialTerms}' products. */
export function polynomialFeatures(X: Matrix, options: PolynomialOptions = {}): Matrix {
  const terms = polynomialTerms(X.cols, options);
  const q = terms.length;
  const p = X.cols;
  const out = new Float64Array(X.rows * q);
  for (let i = 0; i < X.rows; i++) {
    const base = i * p;
    for (let t = 0; t < q; t++) {
      let v = 1;
      for (const j of terms[t] as number[]) v *= X.data[base + j] as number;
      out[i * q + t] = v;
    }
  }
  return { data: out, rows: X.rows, cols: q };
}

/**
 * sklearn's `PolynomialFeatures.get_feature_names_out(names)`: "1" for the bias, otherwise the factors
 * joined by spaces with repeats as powers, e.g. "loudness", "loudness^2", "energy loudness".
 */
export function polynomialFeatureNames(names: readonly string[], options: PolynomialOptions = {}): string[] {
  return polynomialTerms(names.length, options).map((term) => {
    if (term.length === 0) return "1";
    const parts: string[] = [];
    for (let t = 0; t < term.length; ) {
      const j = term[t] as number;
      let power = 0;
      while (term[t] === j) {
        power++;
        t++;
      }
      const name = names[j] as string;
      parts.push(power === 1 ? name : `${name}^${power}`);
    }
    return parts.join(" ");
  });
}
