import { readFileSync } from "node:fs";
import { analysisOutputDir, readResult } from "@spotiflies/analysis/results";
import { beforeAll, describe, expect, it } from "vitest";
import { grouped, parsePage, visibleText } from "./support/html.ts";
import { builtPages, chapterSlugs, ensureBuilt, readPage, sourceFiles } from "./support/site.ts";

const results = {
  cleaning: readResult(analysisOutputDir, "cleaning"),
  quality: readResult(analysisOutputDir, "quality"),
  correlatedPairs: readResult(analysisOutputDir, "correlated-pairs"),
  superGenres: readResult(analysisOutputDir, "super-genres"),
  describe: readResult(analysisOutputDir, "describe"),
  genreMeans: readResult(analysisOutputDir, "genre-means"),
};

const PLACEHOLDER = /\blorem\b|\bipsum\b|\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX\b|placeholder text/i;

function text(path: string): string {
  return visibleText(parsePage(readPage(path)));
}

beforeAll(() => ensureBuilt());

describe("pages", () => {
  const paths = ["", ...chapterSlugs().map((slug) => `chapters/${slug}/`)];

  it("builds a page for the overview and for every chapter file", () => {
    const pages = builtPages();
    for (const path of paths) expect(pages).toContain(`${path}index.html`);
  });

  it.each(paths)("page /%s has a title, one h1, a skip link and the chapter navigation", (path) => {
    const document = parsePage(readPage(path));
    expect(document.querySelector("title")?.textContent?.trim()).toBeTruthy();
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    expect(document.querySelector('a.skip-link[href="#content"]')).toBeTruthy();
    expect(document.querySelector("main#content")).toBeTruthy();
    expect(document.querySelectorAll('nav[aria-label="Chapters"] li')).toHaveLength(chapterSlugs().length);
    expect(document.documentElement.getAttribute("lang")).toBe("en");
  });

  it.each(paths)("page /%s ships no JavaScript", (path) => {
    expect(readPage(path)).not.toMatch(/<script\b/i);
  });

  it.each(paths)("page /%s has no placeholder text", (path) => {
    expect(readPage(path)).not.toMatch(PLACEHOLDER);
  });

  it("no source file holds placeholder text", () => {
    for (const file of sourceFiles()) expect(readFileSync(file, "utf8"), file).not.toMatch(PLACEHOLDER);
  });

  it.each(chapterSlugs())(
    "chapter %s draws every figure as inline SVG with a text alternative and its data",
    (slug) => {
      const document = parsePage(readPage(`chapters/${slug}/`));
      const figures = [...document.querySelectorAll("figure.figure")];
      expect(figures.length).toBeGreaterThan(0);
      for (const figure of figures) {
        const graphic = figure.querySelector(".figure-graphic");
        expect(graphic?.getAttribute("role")).toBe("img");
        expect(graphic?.getAttribute("aria-label")?.length ?? 0).toBeGreaterThan(20);
        expect(graphic?.querySelector("svg")).toBeTruthy();
        expect(figure.querySelector("figcaption")?.textContent?.trim()).toBeTruthy();
        expect(figure.querySelector("details.figure-data table")).toBeTruthy();
        expect(figure.querySelector('details.figure-data a[href$=".csv"]')).toBeTruthy();
        expect(figure.querySelector('details.figure-data a[href$=".json"]')).toBeTruthy();
      }
    },
  );

  it("chapter pages link to the previous and next chapter", () => {
    const slugs = chapterSlugs();
    const orderInNav = [...parsePage(readPage("")).querySelectorAll('nav[aria-label="Chapters"] li a')].map(
      (a) => a.getAttribute("href"),
    );
    for (const [index, href] of orderInNav.entries()) {
      const slug = href?.replace(/\/$/, "").split("/").at(-1) ?? "";
      expect(slugs).toContain(slug);
      const document = parsePage(readPage(`chapters/${slug}/`));
      expect(document.querySelector('a[rel="prev"]')).toBeTruthy();
      if (index < orderInNav.length - 1)
        expect(document.querySelector('a[rel="next"]')?.getAttribute("href")).toBe(orderInNav[index + 1]);
    }
  });
});

describe("numbers come from the analysis results", () => {
  it("the overview shows the headline counts", () => {
    const page = text("");
    const { cleaning, quality, genreMeans } = results;
    expect(page).toContain(grouped(cleaning.rowsIn));
    expect(page).toContain(grouped(cleaning.rowsKept));
    expect(page).toContain(grouped(quality.raw.trackIdsInSeveralGenres.trackIds));
    expect(page).toContain(`${genreMeans.genres.length} genres`);
  });

  it("the cleaning chapter shows each rule's counts, the seed's discrepancy and the data-quality facts", () => {
    const page = text("chapters/data-and-cleaning/");
    const { cleaning, quality } = results;
    expect(page).toContain(cleaning.input.sha256);
    expect(page).toContain(grouped(cleaning.rowsKept));
    expect(page).toContain(grouped(cleaning.seedCodeRowsKept));
    for (const rule of cleaning.rules) {
      expect(page).toContain(rule.predicate);
      expect(page).toContain(`removes ${grouped(rule.removed)} row`);
      expect(page).toContain(`matches ${grouped(rule.matchedInRaw)} row`);
    }
    const seed = cleaning.rules.find((rule) => rule.seedDiscrepancy)?.seedDiscrepancy;
    expect(seed).toBeDefined();
    if (!seed) return;
    expect(page).toContain(`removed ${grouped(seed.statedRemoved)} rows`);
    expect(page).toContain(`Its code removed ${grouped(seed.seedCodeRemoved)}`);
    expect(page).toContain(grouped(quality.raw.trackIdsInSeveralGenres.trackIds));
    expect(page).toContain(grouped(quality.raw.trackIdsInSeveralGenres.distinctTrackIds));
    expect(page).toContain(grouped(quality.cleaned.trackIdsInSeveralGenres.trackIds));
    expect(page).toContain(grouped(quality.raw.exactDuplicateRows.extraCopies));
  });

  it("the exploratory chapter shows the fits, the summary table and the super-genre map", () => {
    const page = text("chapters/exploratory-analysis/");
    const { correlatedPairs, superGenres, describe } = results;
    expect(page).toContain(grouped(describe.rows));
    for (const pair of correlatedPairs.pairs) {
      expect(page).toContain(`R² = ${pair.linear.r2.toFixed(2)}`);
      expect(page).toContain(`the parabola ${pair.quadratic.r2.toFixed(2)}`);
    }
    for (const absent of superGenres.listedButAbsent) expect(page).toContain(`${absent} (not in the data)`);
    for (const group of superGenres.groups) expect(page).toContain(group.superGenre);
  });
});
