/**
 * What the seed notebook (the CSM148 "Spotiflies" notebook this report re-examines) wrote in its
 * prose and code, quoted so that the report can compare it with the analysis results at build time.
 * These are the seed's own words, not measurements.
 */

/** The dataset the seed analysed, as its introduction links it. */
export const SEED_DATASET_URL = "https://huggingface.co/datasets/maharshipandya/spotify-tracks-dataset";

/** The seed's two filter lines for zero tempo or time signature, exactly as its code ran them. */
export const SEED_ZERO_FILTER_CODE = `spotify_clean_temp = spotify_clean[spotify_clean['time_signature']!= 0]
spotify_clean_temp = spotify_clean[spotify_clean['tempo']!= 0]
...
spotify_clean = spotify_clean_temp`;

/** The pairs the seed plotted as "correlations larger than 0.4 or smaller than -0.4" (x, y). */
export const SEED_CORRELATED_PAIRS: readonly (readonly [string, string])[] = [
  ["loudness", "energy"],
  ["acousticness", "energy"],
  ["acousticness", "loudness"],
  ["instrumentalness", "loudness"],
  ["valence", "danceability"],
];

/**
 * The super-genre grouping as the seed's prose lists it (section 1.3). Its code used a different
 * dictionary; the analysis results carry that dictionary (`super-genres.json`, `map`).
 */
export const SEED_PROSE_SUPER_GENRES: Readonly<Record<string, readonly string[]>> = {
  pop: ["cantopop", "j-pop", "k-pop", "mandopop", "pop", "indie-pop", "power-pop", "pop-film", "synth-pop"],
  rock: [
    "alt-rock",
    "alternative",
    "hard-rock",
    "punk-rock",
    "psych-rock",
    "rock",
    "rock-n-roll",
    "grunge",
    "emo",
    "rockabilly",
    "guitar",
  ],
  metal: ["black-metal", "death-metal", "heavy-metal", "metal", "metalcore", "grindcore"],
  electronic: [
    "edm",
    "electro",
    "electronic",
    "house",
    "garage",
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
  "hip-hop": ["hip-hop", "rap", "r-n-b", "breakbeat"],
  jazz: ["jazz", "blues", "soul", "funk"],
  classical: ["classical", "opera", "piano"],
  world: [
    "afrobeat",
    "brazil",
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
  folk: ["folk", "bluegrass", "country", "singer-songwriter", "songwriter", "honky-tonk"],
  misc: [
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
    "industrial",
    "gospel",
    "goth",
    "groove",
    "hardcore",
    "hardstyle",
    "indie",
    "j-dance",
    "j-idol",
    "j-rock",
    "punk",
    "romance",
    "sad",
    "sertanejo",
    "ska",
    "trip-hop",
  ],
};

/** The seed's prose on duration: "the range of the means is about 43000ms, which is about a 42 second difference". */
export const SEED_PROSE_DURATION_RANGE_MS = 43_000;

/** The seed's summary of which features differ most between its super-genres. */
export const SEED_PROSE_MOST_VARIED_FEATURES = ["acousticness", "instrumentalness"] as const;
