import { type ExportedMlp, predictMlp, superGenreProbabilities } from "@spotiflies/models/browser";
import { type Ranked, topClasses } from "./ranking.ts";

/**
 * Everything the predictor shows for one set of inputs. Runs at build time (the page's initial output) and
 * in the browser (as the reader moves the sliders): the same code, so both agree up to the last bit of
 * Math.exp, which JavaScript engines do not all round alike.
 */
export interface Predictions {
  /** The genre network's five most probable genres. */
  genres: Ranked[];
  /** The genre network's probabilities summed per super-genre (its classes' `superGenreOfClass`). */
  summed: Ranked[];
  /** The separate super-genre network's five most probable super-genres. */
  superGenres: Ranked[];
}

export function predictAll(
  genre: ExportedMlp,
  superGenre: ExportedMlp,
  values: Readonly<Record<string, number>>,
): Predictions {
  const genreProbabilities = predictMlp(genre, values);
  const summed = superGenreProbabilities(genre, genreProbabilities);
  return {
    genres: topClasses(genre.classes, genreProbabilities),
    summed: topClasses(
      summed.map((s) => s.superGenre),
      summed.map((s) => s.probability),
    ),
    superGenres: topClasses(superGenre.classes, predictMlp(superGenre, values)),
  };
}
