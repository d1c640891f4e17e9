import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analysisOutputDir, readResult } from "@spotiflies/analysis/results";
import {
  type ClassifierEvaluation,
  type ClassifierResult,
  modelsOutputDir,
  readModelResult,
} from "@spotiflies/models/results";
import { beforeAll, describe, expect, it } from "vitest";
import { grouped, parsePage, visibleText } from "./support/html.ts";
import { builtPages, chapterSlugs, ensureBuilt, readPage, siteDir, sourceFiles } from "./support/site.ts";

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

describe("numbers come from the models' results", () => {
  const models = {
    energy: readModelResult(modelsOutputDir, "energy-regression"),
    sweeps: readModelResult(modelsOutputDir, "response-sweeps"),
    logistic: readModelResult(modelsOutputDir, "logistic-regression"),
    tree: readModelResult(modelsOutputDir, "decision-tree"),
    forest: readModelResult(modelsOutputDir, "random-forest"),
    knn: readModelResult(modelsOutputDir, "knn"),
    pca: readModelResult(modelsOutputDir, "pca-clustering"),
    buildLog: readModelResult(modelsOutputDir, "models-build-log"),
  };
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const evaluationOf = (
    result: ClassifierResult,
    protocol: string,
    task: string,
    scaling?: string,
  ): ClassifierEvaluation => {
    const found = result.evaluations.find(
      (e) =>
        e.protocol.protocol === protocol &&
        e.task === task &&
        (scaling === undefined || e.chosen?.scaling === scaling),
    );
    if (!found) throw new Error(`no ${protocol} ${task} evaluation`);
    return found;
  };
  const newChapters = [
    "regression",
    "logistic-regression",
    "trees-forests-neighbours",
    "pca-clustering",
    "comparing-models",
    "methods",
  ];

  it("every model chapter exists and has figures", () => {
    for (const slug of newChapters) {
      expect(chapterSlugs()).toContain(slug);
      const document = parsePage(readPage(`chapters/${slug}/`));
      expect(document.querySelectorAll("figure.figure .figure-graphic svg").length, slug).toBeGreaterThan(0);
    }
  });

  it("the regression chapter shows the selection, the fit, bias–variance and the sweeps' corrections", () => {
    const page = text("chapters/regression/");
    const seed = models.energy.evaluations.find((e) => e.protocol.protocol === "seed-random");
    expect(seed).toBeDefined();
    if (!seed?.result.fits.linear) return;
    expect(page).toContain(seed.result.selected.join(", "));
    expect(page).toContain(percent(seed.result.fits.linear.validation.r2));
    expect(page).toContain(`${models.energy.biasVariance?.numRounds} times on bootstrap resamples`);
    const genre = models.sweeps.sweeps.find((s) => s.grouping === "genre");
    expect(genre).toBeDefined();
    if (!genre) return;
    expect(page).toContain(`${genre.highest.linear.group} × ${genre.highest.linear.response}`);
    expect(page).toContain(genre.highest.linear.validationR2.toFixed(3));
    expect(page).toContain(`“${genre.seedPrinted.linear.group} and ${genre.seedPrinted.linear.response}`);
    expect(page).toContain(`this rebuild uses ${models.sweeps.biasVariance?.numRounds} rounds`);
    expect(page).toContain(
      `best-predicted feature in ${genre.tally.linear.energy} of the ${genre.groups.length} genres`,
    );
    const labels = models.sweeps.seedQuirks.find((q) => q.id === "bias-variance-labels");
    expect(page).toContain(labels?.description);
  });

  it("the logistic chapter shows accuracy, per-class precision, the permutation test and the seed's note", () => {
    const page = text("chapters/logistic-regression/");
    const e = evaluationOf(models.logistic, "seed-random", "super-genre");
    expect(page).toContain(percent(e.test.accuracy));
    for (const c of e.test.perClass) expect(page).toContain(c.label);
    const top = [...e.test.perClass].sort((a, b) => b.precision - a.precision)[0];
    expect(page).toContain(`most reliably are ${top?.label} (precision ${top?.precision.toFixed(2)})`);
    expect(page).toContain(models.logistic.seed.note);
    expect(page).toContain(`belongs to metal`);
    expect(page).toContain(`The p-value is ${e.permutationTest?.pValue.toFixed(3)}`);
    expect(page).toContain(`average AUC is ${e.test.roc?.macroAuc.toFixed(2)}`);
  });

  it("the trees chapter shows the grids, the forest, KNN with and without scaling and the genre results", () => {
    const page = text("chapters/trees-forests-neighbours/");
    expect(page).toContain(`${models.tree.search?.results.length} combinations`);
    expect(page).toContain(grouped(models.tree.search?.rows ?? 0));
    expect(page).toContain(percent(evaluationOf(models.tree, "seed-random", "super-genre").test.accuracy));
    expect(page).toContain(percent(evaluationOf(models.forest, "seed-random", "super-genre").test.accuracy));
    expect(page).toContain(
      percent(evaluationOf(models.knn, "seed-random", "super-genre", "none").test.accuracy),
    );
    expect(page).toContain(
      percent(evaluationOf(models.knn, "seed-random", "super-genre", "standard").test.accuracy),
    );
    const genreTree = evaluationOf(models.tree, "seed-random", "genre");
    const top5 = genreTree.test.topK.find((t) => t.k === 5)?.accuracy ?? -1;
    expect(page).toContain(percent(top5));
  });

  it("the PCA chapter comes after the trees chapter and before the comparison", () => {
    const nav = [...parsePage(readPage("")).querySelectorAll('nav[aria-label="Chapters"] li a')].map(
      (a) => a.getAttribute("href")?.replace(/\/$/, "").split("/").at(-1) ?? "",
    );
    const at = nav.indexOf("pca-clustering");
    expect(at).toBeGreaterThan(0);
    expect(nav[at - 1]).toBe("trees-forests-neighbours");
    expect(nav[at + 1]).toBe("comparing-models");
  });

  it("the PCA chapter draws its figures inline with text alternatives and downloads", () => {
    const document = parsePage(readPage("chapters/pca-clustering/"));
    const ids = [
      "pca-scree",
      "pca-loadings",
      "pca-scatter",
      "cluster-sizes",
      "cluster-scores",
      "cluster-agreement",
    ];
    for (const id of ids) {
      const figure = document.querySelector(`#figure-${id}`);
      expect(figure, id).toBeTruthy();
      expect(figure?.querySelector(".figure-graphic svg"), id).toBeTruthy();
      expect(
        figure?.querySelector(".figure-graphic")?.getAttribute("aria-label")?.length ?? 0,
        id,
      ).toBeGreaterThan(80);
      expect(figure?.querySelector(`a[href$="data/${id}.csv"]`), id).toBeTruthy();
      expect(figure?.querySelector(`a[href$="data/${id}.json"]`), id).toBeTruthy();
    }
    const scatter = document.querySelector("#figure-pca-scatter .figure-graphic")?.getAttribute("aria-label");
    expect(scatter).toContain(grouped(models.pca.scatter.rows));
  });

  it("the PCA chapter shows the variance, the classifiers, the clusters' scores and the seed's slips", () => {
    const page = text("chapters/pca-clustering/");
    const { pca, scatter, logisticOnComponents, clustering, seedPrinted } = models.pca;
    const fixed = (value: number, digits: number) => value.toFixed(digits).replace("-", "−");
    const method = (id: string) => {
      const found = clustering.methods.find((m) => m.id === id);
      if (!found) throw new Error(`no clustering method ${id}`);
      return found;
    };
    expect(page).toContain(percent(pca.cumulativeVarianceRatio[1] ?? -1));
    expect(page).toContain(
      `a stratified sample of ${grouped(scatter.rows)} of the ${grouped(scatter.of)} training tracks`,
    );
    expect(page).toContain(percent(logisticOnComponents.test.accuracy));
    expect(page).toContain(percent(seedPrinted.logisticOnComponentsAccuracy));
    expect(page).toContain(
      percent(evaluationOf(models.logistic, "seed-random", "super-genre").test.accuracy),
    );
    expect(page).toContain(`(${grouped(clustering.sample.rows)} tracks)`);
    expect(page).toContain(`subsample of ${grouped(clustering.silhouetteSample.rows)} tracks`);
    expect(page).toContain(`k-means scores ${fixed(method("kmeans").ariSuperGenre, 4)} against the`);
    expect(page).toContain(
      `“KMeans clustering vs true labels ARI” shows the mixture’s value, ${fixed(seedPrinted.kmeansAriPrinted, 5)}`,
    );
    const wardKmeans = clustering.pairwiseAri.find(
      (p) => (p.a === "ward" && p.b === "kmeans") || (p.a === "kmeans" && p.b === "ward"),
    );
    expect(page).toContain(`Ward and k-means reach an ARI of ${fixed(wardKmeans?.ari ?? Number.NaN, 2)}`);
    for (const s of clustering.seedStyle) expect(page).toContain(fixed(s.value, 3));
    expect(page).toContain(
      `its ARI against “pop or not” is ${fixed(method("gmm-pca-2").ariPopVsRest ?? Number.NaN, 3)}`,
    );
    expect(page).toContain("do not fall into genre-shaped clusters");
    // What the clusters follow instead: the key (10-cluster methods) and the mode (the two-cloud mixture).
    const keyAris = ["kmeans", "ward", "gmm"].map((id) => method(id).ariKey);
    expect(page).toContain(
      `the ARI jumps to between ${fixed(Math.min(...keyAris), 2)} and ${fixed(Math.max(...keyAris), 2)}`,
    );
    expect(page).toContain(`scores ${fixed(method("gmm-pca-2").ariMode, 3)} against major versus minor mode`);
  });

  it("the comparison chapter shows every classifier on both splits and the leakage counts", () => {
    const page = text("chapters/comparing-models/");
    const { quality } = results;
    expect(page).toContain(grouped(quality.raw.trackIdsInSeveralGenres.trackIds));
    expect(page).toContain(grouped(quality.raw.exactDuplicateRows.extraCopies));
    const table = [...parsePage(readPage("chapters/comparing-models/")).querySelectorAll("main table")].find(
      (t) => t.querySelector("caption")?.textContent?.includes("macro F1 of every classifier"),
    );
    expect(table).toBeDefined();
    const tableText = table?.textContent ?? "";
    for (const result of [models.logistic, models.tree, models.forest, models.knn]) {
      for (const e of result.evaluations) {
        expect(tableText).toContain(e.test.accuracy.toFixed(3));
        expect(tableText).toContain(e.test.macro.f1.toFixed(3));
      }
    }
  });

  it("the methods page shows the checksum, versions, seeds and build timings", () => {
    const page = text("chapters/methods/");
    const manifest = readResult(analysisOutputDir, "manifest");
    const buildLog = readResult(analysisOutputDir, "build-log");
    expect(page).toContain(manifest.dataset.sha256);
    expect(page).toContain(buildLog.duckdbVersion);
    expect(page).toContain(models.buildLog.backend);
    expect(page).toContain(models.buildLog.totalSeconds.toFixed(1));
    expect(page).toContain(process.version);
    const astroManifest = [join(siteDir, "node_modules"), join(siteDir, "..", "..", "node_modules")]
      .map((dir) => join(dir, "astro", "package.json"))
      .find(existsSync);
    const astro = JSON.parse(readFileSync(astroManifest ?? "", "utf8")) as { version: string };
    expect(page).toContain(astro.version);
    for (const model of models.buildLog.models) expect(page).toContain(model.model);
  });
});
