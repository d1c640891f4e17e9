import { result } from "../data/results.ts";
import { SEED_PROSE_SUPER_GENRES } from "../seed/notebook.ts";

/**
 * The seed's super-genre grouping as its code used it (from the results) set against the grouping its
 * prose describes: where they place a genre differently, and which listed genres the data lacks.
 */
export function superGenreMapFacts() {
  const superGenres = result("super-genres");
  const dataGenres = new Set(result("genre-means").genres.map((g) => g.genre));
  const codeGroup = new Map<string, string>();
  const listedTwice: string[] = [];
  for (const group of superGenres.map) {
    for (const genre of group.genres) {
      if (codeGroup.has(genre)) listedTwice.push(genre);
      codeGroup.set(genre, group.superGenre);
    }
  }
  const proseGroup = new Map<string, string>();
  for (const [group, genres] of Object.entries(SEED_PROSE_SUPER_GENRES)) {
    for (const genre of genres) proseGroup.set(genre, group);
  }
  const allGenres = [...new Set([...codeGroup.keys(), ...proseGroup.keys()])].sort();
  const disagreements = allGenres
    .filter((genre) => codeGroup.get(genre) !== proseGroup.get(genre))
    .map((genre) => ({
      genre,
      prose: proseGroup.get(genre) ?? "not listed",
      code: codeGroup.get(genre) ?? "not listed",
    }));
  return {
    map: superGenres.map.map((group) => ({
      superGenre: group.superGenre,
      genres: group.genres,
      absent: group.genres.filter((genre) => !dataGenres.has(genre)),
      rows: superGenres.groups.find((g) => g.superGenre === group.superGenre)?.rows ?? 0,
    })),
    disagreements,
    movedOutOfMisc: disagreements.filter((d) => d.prose === "misc"),
    listedTwice,
    unmapped: [...dataGenres].filter((genre) => !codeGroup.has(genre)),
    listedButAbsent: superGenres.listedButAbsent,
  };
}
