import { describe, expect, it } from "vitest";
import { mixUniform } from "../../src/genre-model/audio-expert.ts";
import { sumIntoSuperGenres, superGenreOfGenre } from "../../src/genre-model/super-genre.ts";

describe("super-genres from genres", () => {
  it("reads each genre's super-genre off the rows and sums probabilities into them", () => {
    // Genres 0, 2 → super 1; genre 1 → super 0.
    const superOf = superGenreOfGenre(Int32Array.from([0, 1, 2, 0]), Int32Array.from([1, 0, 1, 1]), 3);
    expect(Array.from(superOf)).toEqual([1, 0, 1]);
    const p = sumIntoSuperGenres(Float64Array.from([0.2, 0.5, 0.3, 0.6, 0.1, 0.3]), superOf, 2);
    expect(Array.from(p)).toEqual([0.5, 0.2 + 0.3, 0.1, 0.6 + 0.3]);
  });

  it("refuses a genre in two super-genres, or one without rows", () => {
    expect(() => superGenreOfGenre(Int32Array.from([0, 0]), Int32Array.from([0, 1]), 1)).toThrow(
      /super-genres 0 and 1/,
    );
    expect(() => superGenreOfGenre(Int32Array.from([0]), Int32Array.from([0]), 2)).toThrow(
      /genre 1 has no rows/,
    );
  });
});

describe("mixUniform", () => {
  it("mixes ε of the uniform distribution in: positive, rows still sum to 1, same order", () => {
    const p = mixUniform(Float64Array.from([0, 0.25, 0.75, 1, 0, 0]), 3, 0.03);
    expect(Array.from(p)).toEqual([0.01, 0.97 * 0.25 + 0.01, 0.97 * 0.75 + 0.01, 0.97 + 0.01, 0.01, 0.01]);
    expect(() => mixUniform(p, 3, 0)).toThrow(/epsilon/);
  });
});
