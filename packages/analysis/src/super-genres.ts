/**
 * The seed notebook's grouping of the 114 genres into 10 super-genres: its cell [77] dictionary,
 * copied as data with its order kept. (The notebook's prose lists a slightly different grouping;
 * the code's dictionary is what its results used, so it is what we use.) It names one genre, `rap`,
 * that does not occur in the data; the results record that.
 */
export const SEED_SUPER_GENRES: ReadonlyArray<{ superGenre: string; genres: readonly string[] }> = [
  {
    superGenre: "pop",
    genres: [
      "cantopop",
      "j-pop",
      "j-idol",
      "k-pop",
      "mandopop",
      "pop",
      "indie-pop",
      "power-pop",
      "pop-film",
      "synth-pop",
    ],
  },
  {
    superGenre: "rock",
    genres: [
      "alt-rock",
      "alternative",
      "hard-rock",
      "indie",
      "punk",
      "j-rock",
      "punk-rock",
      "psych-rock",
      "rock",
      "rock-n-roll",
      "grunge",
      "emo",
      "rockabilly",
      "guitar",
    ],
  },
  {
    superGenre: "metal",
    genres: ["black-metal", "death-metal", "heavy-metal", "metal", "metalcore", "grindcore"],
  },
  {
    superGenre: "electronic",
    genres: [
      "edm",
      "electro",
      "electronic",
      "house",
      "garage",
      "j-dance",
      "hardcore",
      "hardstyle",
      "industrial",
      "techno",
      "trance",
      "dubstep",
      "idm",
      "minimal-techno",
      "progressive-house",
      "chicago-house",
      "deep-house",
      "detroit-techno",
      "disco",
      "drum-and-bass",
      "dub",
      "club",
      "dance",
      "dancehall",
    ],
  },
  { superGenre: "hip-hop", genres: ["hip-hop", "rap", "r-n-b", "breakbeat", "trip-hop"] },
  { superGenre: "jazz", genres: ["jazz", "blues", "soul", "funk", "ska", "gospel"] },
  { superGenre: "classical", genres: ["classical", "opera", "piano"] },
  {
    superGenre: "world",
    genres: [
      "afrobeat",
      "brazil",
      "sertanejo",
      "british",
      "latin",
      "latino",
      "samba",
      "salsa",
      "reggae",
      "reggaeton",
      "tango",
      "world-music",
      "indian",
      "iranian",
      "turkish",
      "malay",
      "mpb",
      "pagode",
      "forro",
      "french",
      "german",
      "spanish",
      "swedish",
    ],
  },
  {
    superGenre: "folk",
    genres: ["folk", "bluegrass", "country", "singer-songwriter", "songwriter", "honky-tonk"],
  },
  {
    superGenre: "misc",
    genres: [
      "acoustic",
      "ambient",
      "anime",
      "children",
      "chill",
      "comedy",
      "disney",
      "happy",
      "party",
      "study",
      "sleep",
      "show-tunes",
      "new-age",
      "kids",
      "goth",
      "groove",
      "romance",
      "sad",
    ],
  },
];

/** genre → super-genre. Throws if the map lists a genre twice (it must be a function). */
export function superGenreOf(): Map<string, string> {
  const map = new Map<string, string>();
  for (const { superGenre, genres } of SEED_SUPER_GENRES) {
    for (const genre of genres) {
      const previous = map.get(genre);
      if (previous !== undefined) throw new Error(`Genre ${genre} is in both ${previous} and ${superGenre}`);
      map.set(genre, superGenre);
    }
  }
  return map;
}
