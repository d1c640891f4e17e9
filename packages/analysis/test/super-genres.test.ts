import { describe, expect, it } from "vitest";
import { SEED_SUPER_GENRES, superGenreOf } from "../src/super-genres.ts";

describe("the seed's super-genre map", () => {
  it("has the seed's ten groups in its order", () => {
    expect(SEED_SUPER_GENRES.map((g) => g.superGenre)).toEqual([
      "pop",
      "rock",
      "metal",
      "electronic",
      "hip-hop",
      "jazz",
      "classical",
      "world",
      "folk",
      "misc",
    ]);
  });

  it("lists 115 names: the 114 genres once each plus 'rap', which the data does not contain", () => {
    // Group sizes in the seed's cell [77]: 10 + 14 + 6 + 24 + 5 + 6 + 3 + 23 + 6 + 18.
    expect(SEED_SUPER_GENRES.map((g) => g.genres.length)).toEqual([10, 14, 6, 24, 5, 6, 3, 23, 6, 18]);
    const map = superGenreOf();
    expect(map.size).toBe(115);
    expect(map.get("rap")).toBe("hip-hop");
    expect(map.get("j-idol")).toBe("pop");
    expect(map.get("trip-hop")).toBe("hip-hop");
  });
});
