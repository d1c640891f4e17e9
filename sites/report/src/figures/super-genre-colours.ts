import { result } from "../data/results.ts";
import { categoricalRange, superGenrePalette } from "./palette.ts";

/**
 * The report's one super-genre palette (build time): colours dealt in the order of the analysis's super-genre
 * map. Every figure and widget that colours super-genres takes them from here.
 */
export function superGenreColours(): ReadonlyMap<string, string> {
  return superGenrePalette(result("super-genres").map.map((group) => group.superGenre));
}

/** A super-genre's colour; an error for a name that is not a super-genre. */
export function superGenreColour(name: string): string {
  const colour = superGenreColours().get(name);
  if (!colour) throw new Error(`"${name}" is not a super-genre.`);
  return colour;
}

/** The colours of a figure's categorical domain (see `categoricalRange`), with the report's super-genres. */
export function domainColours(domain: readonly string[]): string[] {
  return categoricalRange(domain, superGenreColours());
}
