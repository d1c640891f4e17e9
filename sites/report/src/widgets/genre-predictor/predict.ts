import { boostedPredictor, type ExportedBoosted, superGenreProbabilities } from "@spotiflies/models/browser";
import { type Ranked, topClasses } from "./ranking.ts";

/**
 * Everything the predictor shows for one set of inputs. Runs at build time (the page's initial output) and
 * in the browser (as the reader moves the sliders): the same code, so both agree up to the last bit of
 * Math.exp, which JavaScript engines do not all round alike.
 */
export interface Predictions {
  /** The genre model's five most probable genres. */
  genres: Ranked[];
  /** The genre model's probabilities summed per super-genre (its classes' `superGenreOfClass`). */
  summed: Ranked[];
  /** The separate super-genre model's five most probable super-genres. */
  superGenres: Ranked[];
}

export type Predictor = (values: Readonly<Record<string, number>>) => Predictions;

/** Decodes both exported models once; the returned function predicts for one track's values. */
export function predictor(genre: ExportedBoosted, superGenre: ExportedBoosted): Predictor {
  const genreProbabilities = boostedPredictor(genre);
  const superGenreProbabilitiesOf = boostedPredictor(superGenre);
  return (values) => {
    const probabilities = genreProbabilities(values);
    const summed = superGenreProbabilities(genre, probabilities);
    return {
      genres: topClasses(genre.classes, probabilities),
      summed: topClasses(
        summed.map((s) => s.superGenre),
        summed.map((s) => s.probability),
      ),
      superGenres: topClasses(superGenre.classes, superGenreProbabilitiesOf(values)),
    };
  };
}
