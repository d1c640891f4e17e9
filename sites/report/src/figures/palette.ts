/**
 * Colours for figures. Theme-dependent colours are CSS variables defined in src/styles/global.css
 * for the light and the dark theme; fixed palettes are chosen to read on both backgrounds.
 */

/** A single data series (bars, histogram columns). */
export const SERIES = "var(--series)";
/** Fit curves over a density plot: linear dashed, quadratic solid, each on a halo of the page colour. */
export const FIT_LINEAR = "var(--fit-linear)";
export const FIT_QUADRATIC = "var(--fit-quadratic)";
export const HALO = "var(--bg)";

/**
 * A seven-step sequential ramp that always runs from "close to the page background" to "far from it":
 * light blue → dark blue on the light theme, dark purple → yellow (viridis) on the dark theme.
 */
export const SEQUENTIAL = Array.from({ length: 7 }, (_, i) => `var(--seq-${i + 1})`);

/**
 * Observable's ten categorical colours (Plot's "observable10"), designed to stay distinct for
 * common colour-vision deficiencies and to read on light and dark backgrounds.
 */
export const CATEGORICAL = [
  "#4269d0",
  "#efb118",
  "#ff725c",
  "#6cc5b0",
  "#3ca951",
  "#ff8ab7",
  "#a463f2",
  "#97bbf5",
  "#9c6b4e",
  "#9498a0",
] as const;

/** A diverging scheme for correlations (ColorBrewer RdBu, colour-blind safe), centred on zero. */
export const DIVERGING_SCHEME = "rdbu";

/**
 * Each super-genre's colour: the categorical palette dealt in the given order of the super-genres (the
 * analysis's super-genre map). Pure; `super-genre-colours.ts` calls it with the report's super-genres.
 */
export function superGenrePalette(order: readonly string[]): ReadonlyMap<string, string> {
  if (order.length > CATEGORICAL.length)
    throw new Error(`${order.length} super-genres, but the palette has ${CATEGORICAL.length} colours.`);
  if (new Set(order).size !== order.length) throw new Error("A super-genre is listed twice.");
  return new Map(order.map((name, i) => [name, CATEGORICAL[i] as string]));
}

/**
 * The colours of a categorical domain: when every value is a super-genre, each gets its own colour whatever
 * the domain's order or subset; otherwise the palette in the domain's order.
 */
export function categoricalRange(
  domain: readonly string[],
  superGenres: ReadonlyMap<string, string>,
): string[] {
  if (domain.length > 0 && domain.every((name) => superGenres.has(name)))
    return domain.map((name) => superGenres.get(name) as string);
  return domain.map((_, i) => CATEGORICAL[i % CATEGORICAL.length] as string);
}
