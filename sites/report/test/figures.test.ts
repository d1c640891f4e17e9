import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analysisOutputDir, readResult } from "@spotiflies/analysis/results";
import { modelsOutputDir, readModelResult } from "@spotiflies/models/results";
import { beforeAll, describe, expect, it } from "vitest";
import { registerScript } from "../src/offline/register.ts";
import { SERVICE_WORKER_FILE } from "../src/offline/rules.ts";
import { THEME_BOOT_SCRIPT } from "../src/site/theme.ts";
import { grouped, parsePage } from "./support/html.ts";
import { builtPages, distDir, ensureBuilt, expectedBase, readPage } from "./support/site.ts";

/**
 * Figures on the built pages: every chart has hover tooltips (SVG <title>s, no script) giving the exact numbers
 * behind its marks, checked here against the results files; figure choices are radio tabs that need no script;
 * and pages without an interactive widget ship no <script> but the theme's (a boot line in <head> and the switch)
 * and the line that starts the offline service worker.
 */

/** A chart SVG drawn by the figure renderer (legends and icons are other SVGs). */
const CHART = ".figure-graphic svg.chart";
/** More tooltips than this in one figure would mean titles on marks that are too many to point at. */
const MAX_TITLES_PER_FIGURE = 1000;

beforeAll(() => ensureBuilt());

function pages(): { page: string; document: Document }[] {
  return builtPages().map((page) => ({
    page,
    document: parsePage(readFileSync(join(distDir, page), "utf8")),
  }));
}

function chapter(slug: string): Document {
  return parsePage(readPage(`chapters/${slug}/`));
}

/** The tooltips of one figure, as text. */
function titles(document: Document, id: string): string[] {
  const figure = document.querySelector(`#figure-${id}`);
  if (!figure) throw new Error(`no figure ${id}`);
  return [...figure.querySelectorAll(`${CHART} title`)].map((title) => title.textContent ?? "");
}

/** Reads a number printed by the site ("1,234", "−0.47", "12.50%") back as a number (a share for "%"). */
function number(text: string): number {
  const value = Number(text.replaceAll(",", "").replace("−", "-").replace("%", ""));
  if (Number.isNaN(value)) throw new Error(`not a number: ${text}`);
  return text.endsWith("%") ? value / 100 : value;
}

/** The value after "label: " on one line of a tooltip. */
function labelled(tip: string, label: string): number {
  const line = tip.split("\n").find((l) => l.startsWith(`${label}: `));
  if (!line) throw new Error(`no "${label}" in tooltip ${JSON.stringify(tip)}`);
  return number(line.slice(label.length + 2));
}

/** The count before `noun` in a tooltip line such as "1,234 tracks". */
function countOf(tip: string, noun: string): number {
  const match = new RegExp(`^([\\d,]+) ${noun}s?$`, "m").exec(tip);
  if (!match?.[1]) throw new Error(`no count of ${noun} in tooltip ${JSON.stringify(tip)}`);
  return number(match[1]);
}

describe("tooltips", () => {
  it("every chart of every figure on every page has tooltips, and no figure has too many", () => {
    let charts = 0;
    for (const { page, document } of pages()) {
      for (const figure of document.querySelectorAll("figure.figure")) {
        const svgs = [...figure.querySelectorAll(CHART)];
        expect(svgs.length, `${page} ${figure.id}`).toBeGreaterThan(0);
        for (const svg of svgs) {
          const texts = [...svg.querySelectorAll("title")].map((t) => t.textContent?.trim() ?? "");
          expect(texts.length, `${page} ${figure.id}`).toBeGreaterThan(0);
          expect(
            texts.filter((text) => text === ""),
            `${page} ${figure.id}`,
          ).toEqual([]);
          charts++;
        }
        const count = figure.querySelectorAll(`${CHART} title`).length;
        expect(count, `${page} ${figure.id}`).toBeLessThanOrEqual(MAX_TITLES_PER_FIGURE);
      }
    }
    expect(charts).toBeGreaterThan(40);
  });

  it("bars give each rule's exact count", () => {
    const cleaning = readResult(analysisOutputDir, "cleaning");
    const tips = titles(chapter("data-and-cleaning"), "cleaning-rules");
    expect(tips).toEqual(cleaning.rules.map((rule) => `${rule.id}\nrows removed: ${grouped(rule.removed)}`));
  });

  it("heatmap cells give each correlation to the table's two decimals", () => {
    const correlations = readResult(analysisOutputDir, "correlations");
    const document = chapter("exploratory-analysis");
    // Row and column names as the figure's data table heads them (after its "feature" column).
    const heads = [
      ...(document.querySelector("#figure-correlations table thead")?.querySelectorAll("th") ?? []),
    ]
      .slice(1)
      .map((th) => th.textContent?.trim() ?? "");
    expect(heads).toHaveLength(correlations.columns.length);
    const tips = new Map(
      titles(document, "correlations").map((tip) => [
        tip.split("\n")[0],
        labelled(tip, "Pearson correlation r"),
      ]),
    );
    expect(tips.size).toBe(correlations.columns.length ** 2);
    correlations.matrix.forEach((row, i) => {
      row.forEach((r, j) => {
        const shown = tips.get(`${heads[i]} × ${heads[j]}`);
        expect(shown, `${heads[i]} × ${heads[j]}`).toBeDefined();
        expect(Math.abs((shown ?? Number.NaN) - r)).toBeLessThanOrEqual(0.005 + 1e-12);
      });
    });
  });

  it("confusion-matrix cells give the share of the true class and the number of test tracks", () => {
    const logistic = readModelResult(modelsOutputDir, "logistic-regression");
    const evaluation = logistic.evaluations.find(
      (e) => e.protocol.protocol === "seed-random" && e.task === "super-genre",
    );
    if (!evaluation) throw new Error("no seed-random super-genre evaluation");
    const { classes, confusion } = evaluation.test;
    const tips = titles(chapter("logistic-regression"), "confusion-logistic-regression");
    expect(tips).toHaveLength(classes.length ** 2);
    classes.forEach((actual, i) => {
      const row = confusion[i] ?? [];
      const total = row.reduce((a, b) => a + b, 0);
      classes.forEach((predicted, j) => {
        const tip = tips.find((t) => t.startsWith(`${actual} × ${predicted}\n`));
        expect(tip, `${actual} × ${predicted}`).toBeDefined();
        const tracks = row[j] ?? 0;
        expect(countOf(tip ?? "", "test track")).toBe(tracks);
        const share = labelled(tip ?? "", "share of the true class's test tracks");
        // Printed as a percentage with two decimals.
        expect(Math.abs(share - tracks / total)).toBeLessThanOrEqual(0.00005 + 1e-12);
      });
    });
  });

  it("histogram bins give every bin's count: the tooltips add up to every track for every feature", () => {
    const histograms = readResult(analysisOutputDir, "histograms");
    const tips = titles(chapter("exploratory-analysis"), "histograms");
    const bins = histograms.columns.flatMap((c) => c.fine.bins);
    expect(tips).toHaveLength(bins.length);
    const counts = tips.map((tip) => countOf(tip, "track"));
    expect(counts).toEqual(bins.map((bin) => bin.count));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(histograms.rows * histograms.columns.length);
  });

  it("density plots give block totals that add up to the tracks on the grid", () => {
    const { pairs } = readResult(analysisOutputDir, "correlated-pairs");
    const document = chapter("exploratory-analysis");
    for (const pair of pairs) {
      const id = `pair-${pair.x}-${pair.y}`.replaceAll("_", "-");
      const blocks = titles(document, id).filter((tip) => /^[\d,]+ tracks?$/m.test(tip));
      expect(blocks.length, id).toBeGreaterThan(20);
      const total = blocks.reduce((sum, tip) => sum + countOf(tip, "track"), 0);
      expect(total, id).toBe(pair.density.counts.reduce((a, b) => a + b, 0));
    }
  });

  it("ROC curve tooltips sit on the curves' points, including each curve's ends", () => {
    const logistic = readModelResult(modelsOutputDir, "logistic-regression");
    const roc = logistic.evaluations.find(
      (e) => e.protocol.protocol === "seed-random" && e.task === "super-genre",
    )?.test.roc;
    if (!roc) throw new Error("no ROC curves");
    const tips = titles(chapter("logistic-regression"), "logistic-roc").filter((tip) => tip.includes("\n"));
    for (const curve of roc.curves) {
      const mine = tips.filter((tip) => tip.startsWith(`${curve.label} (AUC `));
      expect(mine.length, curve.label).toBeGreaterThan(5);
      const points = mine.map((tip) => ({
        fpr: labelled(tip, "false positive rate"),
        tpr: labelled(tip, "true positive rate"),
      }));
      // Printed with four decimals.
      const near = (a: number, b: number | undefined) => Math.abs(a - (b ?? Number.NaN)) <= 0.00005 + 1e-12;
      const index = (p: { fpr: number; tpr: number }) =>
        curve.fpr.findIndex((f, i) => near(p.fpr, f) && near(p.tpr, curve.tpr[i]));
      const found = points.map(index);
      expect(
        found.filter((i) => i < 0),
        curve.label,
      ).toEqual([]);
      expect(found, curve.label).toContain(0);
      expect(found, curve.label).toContain(curve.fpr.length - 1);
    }
  });
});

describe("figure choices", () => {
  it("are radio tabs: one group per choice, one view checked, each label naming its radio, each panel a figure", () => {
    let choices = 0;
    for (const { page, document } of pages()) {
      for (const choice of document.querySelectorAll(".figure-choice")) {
        choices++;
        expect(choice.tagName.toLowerCase(), page).toBe("fieldset");
        expect(choice.querySelector(":scope > legend")?.textContent?.trim(), page).toBeTruthy();
        const inputs = [...choice.querySelectorAll(":scope > input.choice-input")];
        expect(inputs.length, page).toBeGreaterThanOrEqual(2);
        expect(new Set(inputs.map((input) => input.getAttribute("name"))).size, page).toBe(1);
        expect(inputs.map((input) => input.getAttribute("type"))).toEqual(inputs.map(() => "radio"));
        expect(
          inputs.filter((input) => input.hasAttribute("checked")),
          page,
        ).toHaveLength(1);
        for (const input of inputs) {
          const label = input.nextElementSibling;
          expect(label?.tagName.toLowerCase(), page).toBe("label");
          expect(label?.getAttribute("for"), page).toBe(input.getAttribute("id"));
          expect(label?.textContent?.trim(), page).toBeTruthy();
          const panel = label?.nextElementSibling;
          expect(panel?.classList.contains("choice-panel"), page).toBe(true);
          expect(panel?.querySelectorAll("figure.figure"), page).toHaveLength(1);
        }
      }
    }
    expect(choices).toBeGreaterThan(0);
  });
});

describe("script", () => {
  /** The theme switch's module: Astro either links it (named after the component) or inlines it. */
  const isThemeSwitch = (script: Element) =>
    (script.getAttribute("src") ?? "").includes("ThemeSwitch") ||
    (script.getAttribute("type") === "module" && (script.textContent ?? "").includes("data-theme-switch"));

  it("pages without an interactive widget ship no <script> but the theme's and the service worker's", () => {
    // The offline page lists the saved pages with a script of its own.
    const plain = pages().filter(
      ({ document }) => document.querySelector("[data-widget], [data-search], [data-saved]") === null,
    );
    const register = registerScript(`${expectedBase}${SERVICE_WORKER_FILE}`);
    expect(plain.length).toBeGreaterThan(0);
    for (const { page, document } of plain) {
      const scripts = [...document.querySelectorAll("script")];
      const boot = scripts.filter((s) => s.textContent === THEME_BOOT_SCRIPT && !s.hasAttribute("src"));
      expect(boot, page).toHaveLength(1);
      // The boot line runs before any stylesheet is applied or the body parsed: no flash of the other theme.
      expect(document.head.querySelector("script"), page).toBe(boot[0]);
      const firstStyle = document.head.querySelector("link[rel=stylesheet], style");
      if (firstStyle) expect(boot[0]?.compareDocumentPosition(firstStyle), page).toBe(4);
      const worker = scripts.filter((s) => s.textContent === register && !s.hasAttribute("src"));
      expect(worker, page).toHaveLength(1);
      const others = scripts.filter((s) => !boot.includes(s) && !worker.includes(s));
      expect(others.length, page).toBeLessThanOrEqual(1);
      for (const script of others) expect(isThemeSwitch(script), page).toBe(true);
      expect(document.querySelectorAll("[onclick], [onload], [onchange], [oninput]"), page).toHaveLength(0);
    }
  });
});
