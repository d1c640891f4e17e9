import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analysisOutputDir, readResult } from "@spotiflies/analysis/results";
import { describe, expect, it } from "vitest";
import { CATEGORICAL, categoricalRange, superGenrePalette } from "../src/figures/palette.ts";
import { parsePage } from "./support/html.ts";
import { distDir, ensureBuilt, readPage } from "./support/site.ts";

describe("the super-genre palette", () => {
  const palette = superGenrePalette(["rock", "pop", "jazz"]);

  it("deals the categorical colours in the super-genres' order, once each", () => {
    expect([...palette]).toEqual([
      ["rock", CATEGORICAL[0]],
      ["pop", CATEGORICAL[1]],
      ["jazz", CATEGORICAL[2]],
    ]);
    expect(() => superGenrePalette(["a", "a"])).toThrow(/listed twice/);
    expect(() => superGenrePalette(Array.from({ length: 11 }, (_, i) => `g${i}`))).toThrow(/11 super-genres/);
  });

  it("gives a super-genre its colour whatever the order or subset a figure shows; other domains go in order", () => {
    expect(categoricalRange(["jazz", "rock"], palette)).toEqual([CATEGORICAL[2], CATEGORICAL[0]]);
    expect(categoricalRange(["pop"], palette)).toEqual([CATEGORICAL[1]]);
    expect(categoricalRange(["train", "test"], palette)).toEqual([CATEGORICAL[0], CATEGORICAL[1]]);
    expect(categoricalRange(["jazz", "train"], palette)).toEqual([CATEGORICAL[0], CATEGORICAL[1]]);
  });

  it("is the same in the built figures and the genre explorer", async () => {
    await ensureBuilt();
    const order = readResult(analysisOutputDir, "super-genres").map.map((g) => g.superGenre);
    const expected = superGenrePalette(order);
    // The explorer's super-genre checkboxes.
    const explore = parsePage(readPage("explore/"));
    const boxes = [...explore.querySelectorAll<HTMLInputElement>("input[name='super_genre']")];
    expect(boxes.length).toBe(order.length);
    for (const box of boxes) expect(box.getAttribute("data-colour"), box.value).toBe(expected.get(box.value));
    // The PCA scatter's points: one path per super-genre and round, titled with its super-genre.
    const pca = parsePage(readFileSync(join(distDir, "chapters/pca-clustering/index.html"), "utf8"));
    const paths = [...pca.querySelectorAll("figure svg path")].filter((p) =>
      expected.has(p.querySelector("title")?.textContent ?? ""),
    );
    expect(paths.length).toBeGreaterThanOrEqual(order.length);
    for (const path of paths) {
      const name = path.querySelector("title")?.textContent ?? "";
      expect(path.getAttribute("stroke"), name).toBe(expected.get(name));
    }
  });
});
