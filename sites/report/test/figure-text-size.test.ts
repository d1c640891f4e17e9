import { describe, expect, it } from "vitest";
import { FONT_SIZE } from "../src/figures/render.ts";
import { chromiumAvailable } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { chapterSlugs } from "./support/site.ts";

/**
 * The rule: every figure's text (ticks, axis labels, value labels, legends) is at least 12 CSS pixels as the
 * reader sees it, i.e. its computed font size times the scale of its SVG on screen (getScreenCTM), at every
 * width. Figures are never scaled down to fit (global.css): on a phone they scroll sideways inside their own
 * region instead, so 360 px gets the same rule as 1280 px rather than a smaller phone minimum.
 */
const MIN_TEXT = 12;

/** What a page measures: text below the minimum ("figure: size: text") and how much text it looked at. */
interface TextSizes {
  small: string[];
  count: number;
}

function measure(min: number): TextSizes {
  const small: string[] = [];
  let count = 0;
  const figureOf = (element: Element) => element.closest("figure.figure")?.id ?? "?";
  // Chart and legend SVGs: the size as drawn, through any scaling of the SVG.
  for (const text of document.querySelectorAll<SVGTextElement>("main .figure-graphic svg text")) {
    if ((text.textContent ?? "").trim() === "" || text.getClientRects().length === 0) continue;
    const matrix = text.getScreenCTM();
    const scale = matrix ? Math.hypot(matrix.a, matrix.b) : 1;
    const size = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
    count++;
    // A hundredth of a pixel allows for rounding in the transform matrix.
    if (size < min - 0.01) small.push(`${figureOf(text)}: ${size.toFixed(2)}px: ${text.textContent?.trim()}`);
  }
  // HTML inside a figure's graphic: Plot's swatch legends and the panel titles of small multiples.
  for (const element of document.querySelectorAll<HTMLElement>("main .figure-graphic *")) {
    if (element.closest("svg") || element.tagName === "STYLE" || element.getClientRects().length === 0)
      continue;
    const ownText = [...element.childNodes].some(
      (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim(),
    );
    if (!ownText) continue;
    const size = Number.parseFloat(getComputedStyle(element).fontSize);
    count++;
    if (size < min - 0.01) small.push(`${figureOf(element)}: ${size}px: ${element.textContent?.trim()}`);
  }
  return { small, count };
}

requireChromiumUnderCi("figure text size");

describe.runIf(chromiumAvailable)("figure text size", () => {
  const suite = servedSiteInChromium();

  it("is the size the figures are drawn at", () => {
    expect(FONT_SIZE).toBeGreaterThanOrEqual(MIN_TEXT);
  });

  it.each([1280, 360].flatMap((width) => chapterSlugs().map((slug) => [width, slug] as const)))(
    "%i px, %s: every figure's text is at least 12 CSS px on screen",
    async (width, slug) => {
      const context = await suite.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${suite.url}chapters/${slug}/`, { waitUntil: "load" });
      // Every alternative of a figure choice, not only the one shown first.
      await page.addStyleTag({ content: ".choice-panel { display: block !important; }" });
      const m = await page.evaluate(measure, MIN_TEXT);
      await context.close();
      expect(m.small).toEqual([]);
      expect(m.count).toBeGreaterThan(0);
    },
  );
});
