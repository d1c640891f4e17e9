import type { TrackTable } from "../../src/dataset/tracks.ts";
import type { TrackText } from "../../src/genre-model/track-text.ts";
import { Random } from "../../src/random.ts";

/**
 * Artists and album names for a synthetic table, made to carry genre as the real ones do: each genre has four
 * artists of its own, every 7th track features a second artist of any genre ("A;B"), each artist has two
 * albums, every 10th track sits on a compilation shared by all genres, and every 17th is by an artist with no
 * other track.
 */
export function syntheticText(table: TrackTable, seed = 1): TrackText {
  const rng = new Random(seed);
  const genres = [...new Set(table.genre)].sort();
  const artists: string[] = [];
  const albumName: string[] = [];
  for (let row = 0; row < table.rows; row++) {
    const main = row % 17 === 0 ? `newcomer-${row}` : `artist-${table.genre[row]}-${rng.nextInt(4)}`;
    const featured = row % 7 === 0 ? `;artist-${genres[rng.nextInt(genres.length)]}-${rng.nextInt(4)}` : "";
    artists.push(main + featured);
    albumName.push(row % 10 === 0 ? "Greatest Hits" : `${main} album ${rng.nextInt(2)}`);
  }
  return { artists, albumName };
}

/** The table carrying its synthetic artists and album names, as the genre model reads them off a table. */
export function withSyntheticText(table: TrackTable, seed = 1): TrackTable & TrackText {
  return { ...table, ...syntheticText(table, seed) };
}

/**
 * The table with its genre labels shuffled among the rows of each super-genre: the audio features still tell
 * the super-genres apart but no longer the genres within one, which only the artists and albums (made from the
 * shuffled labels) reveal.
 */
export function blurGenresWithinSuperGenres(table: TrackTable, seed = 1): TrackTable {
  const rng = new Random(seed);
  const genre = [...table.genre];
  for (const superGenre of new Set(table.superGenre)) {
    const rows = table.superGenre.flatMap((s, row) => (s === superGenre ? [row] : []));
    const labels = rng.shuffle(rows.map((row) => table.genre[row] as string));
    rows.forEach((row, i) => {
      genre[row] = labels[i] as string;
    });
  }
  return { ...table, genre };
}
