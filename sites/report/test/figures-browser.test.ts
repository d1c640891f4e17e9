import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "./support/browser.ts";
import { servedSiteInChromium } from "./support/browser-suite.ts";

/**
 * Figures in a browser with JavaScript off: figure choices switch views by keyboard and by pointer, and the
 * tooltip of a mark is what the pointer finds over it (labels drawn on marks must not catch the pointer).
 * Skipped without Chromium; mobile.test.ts fails under CI when it is missing.
 */

describe.runIf(chromiumAvailable)("figures in a browser without JavaScript", () => {
  const suite = servedSiteInChromium();

  async function open(path: string): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await suite.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${suite.url}${path}`, { waitUntil: "load" });
    return { page, close: () => context.close() };
  }

  /** For each figure choice on the page: which panels show, and which radio is checked and focused. */
  const state = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll(".figure-choice")].map((choice) => ({
        visible: [...choice.querySelectorAll(".choice-panel")].map((panel) => panel.checkVisibility()),
        checked: [...choice.querySelectorAll("input")].findIndex(
          (input) => (input as HTMLInputElement).checked,
        ),
        focused: [...choice.querySelectorAll("input")].indexOf(document.activeElement as HTMLInputElement),
      })),
    );

  it("a figure choice shows one view, and the arrow keys and the labels switch it", async () => {
    const { page, close } = await open("chapters/trees-forests-neighbours/");
    const before = await state(page);
    expect(before.length).toBeGreaterThan(0);
    const first = before[0];
    expect(first?.visible.length).toBeGreaterThanOrEqual(2);
    expect(first?.visible.filter(Boolean)).toHaveLength(1);
    expect(first?.visible[0]).toBe(true);

    // Tab reaches the group at its checked radio; the right arrow moves to and shows the next view.
    await page.focus(".figure-choice input:checked");
    await page.keyboard.press("ArrowRight");
    const afterKey = (await state(page))[0];
    expect(afterKey?.checked).toBe(1);
    expect(afterKey?.focused).toBe(1);
    expect(afterKey?.visible.map((v, i) => v === (i === 1))).not.toContain(false);

    // Clicking the last label shows the last view.
    await page.locator(".figure-choice").first().locator("label").last().click();
    const afterClick = (await state(page))[0];
    const last = (first?.visible.length ?? 0) - 1;
    expect(afterClick?.checked).toBe(last);
    expect(afterClick?.visible.map((v, i) => v === (i === last))).not.toContain(false);
    await close();
  });

  // The share of marks whose centre shows their own tooltip: all of them where marks tile the plot (bars, bins,
  // cells, blocks, except where a fit line crosses a block); dots with equal values sit on each other, and
  // curves cross and meet at their ends, where the one drawn last shows its tooltip.
  it.each([
    ["chapters/data-and-cleaning/", "cleaning-rules", 1],
    ["chapters/exploratory-analysis/", "correlations", 1],
    ["chapters/exploratory-analysis/", "histograms", 1],
    ["chapters/exploratory-analysis/", "pair-loudness-energy", 0.8],
    ["chapters/regression/", "sweep-r2-genres", 1],
    ["chapters/logistic-regression/", "confusion-logistic-regression", 1],
    ["chapters/logistic-regression/", "logistic-roc", 0.5],
    ["chapters/pca-clustering/", "pca-scree", 0.5],
    ["chapters/comparing-models/", "model-comparison", 0.5],
  ] as const)("%s#%s: the pointer over a mark finds its tooltip", async (path, id, ownShare) => {
    const { page, close } = await open(path);
    await page.locator(`#figure-${id}`).scrollIntoViewIfNeeded();
    const result = await page.evaluate((figureId) => {
      const marks = [
        ...document.querySelectorAll(`#figure-${figureId} svg.chart :is(rect, circle):has(> title)`),
      ];
      // Every mark with a tooltip whose centre is on screen, probed where the pointer would rest.
      const probes = marks.flatMap((mark) => {
        const box = mark.getBoundingClientRect();
        const x = box.left + box.width / 2;
        const y = box.top + box.height / 2;
        if (box.width < 2 || box.height < 2 || y < 0 || y > innerHeight || x < 0 || x > innerWidth) return [];
        const hit = document.elementFromPoint(x, y);
        const tip = hit?.closest(":has(> title)")?.querySelector(":scope > title")?.textContent ?? null;
        return [{ expected: mark.querySelector(":scope > title")?.textContent ?? "", found: tip }];
      });
      return { marks: marks.length, probes };
    }, id);
    await close();
    expect(result.marks).toBeGreaterThan(0);
    expect(result.probes.length).toBeGreaterThan(0);
    // Nothing without a tooltip covers a mark's centre (marks drawn on top, such as fit lines, have their own).
    expect(result.probes.filter((p) => p.found === null)).toEqual([]);
    const own = result.probes.filter((p) => p.found === p.expected).length;
    expect(own / result.probes.length).toBeGreaterThanOrEqual(ownShare);
  });
});
