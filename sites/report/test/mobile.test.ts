import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { chapterSlugs, siteDir } from "./support/site.ts";

/**
 * Every page on a phone (320, 360 and 390 CSS pixels wide, touch, device scale 2): no sideways scrolling of the
 * page; prose at 16px or more; figure text no smaller than 12px as drawn on screen (figures scroll, never shrink); whatever is wider than the
 * screen (figures, tables, code) scrolls inside its own labelled, focusable container. The checks state the
 * requirement (nothing reaches past the screen's edge), not a width measured with one Chromium build's fonts.
 */

const PHONES = [320, 360, 390];
/**
 * The smallest text a figure may show, in CSS pixels after any scaling of its SVG: the same 12px as on a wide
 * screen (figure-text-size.test.ts), since a figure wider than a phone scrolls sideways rather than shrinking.
 */
const MIN_FIGURE_TEXT = 12;
const MIN_PROSE_TEXT = 16;

/** What one page measures on a phone; computed in the page. */
interface Measures {
  viewport: number;
  pageWidth: number;
  /** Prose paragraphs and list items smaller than the minimum: "tag: size: text". */
  smallProse: string[];
  proseCount: number;
  /** SVG text smaller than the minimum as drawn: "figure id: size: text". */
  smallFigureText: string[];
  figureTextCount: number;
  /** Elements reaching past the screen's right edge with no scrolling container to hold them. */
  overflowing: string[];
  /** Containers that scroll sideways but that a keyboard cannot reach or that have no name. */
  unreachableScrollers: string[];
  /** Figures that scroll sideways, and whether each shows its scroll hint. */
  scrollingFigures: { id: string; hint: boolean }[];
  /** Figures that fit, and whether each (wrongly) shows its scroll hint. */
  fittingFigures: { id: string; hint: boolean }[];
}

function measure(limits: { prose: number; figureText: number }): Measures {
  const viewport = document.documentElement.clientWidth;
  const scrollsSideways = (element: Element) => {
    const overflow = getComputedStyle(element).overflowX;
    return (overflow === "auto" || overflow === "scroll") && element.scrollWidth > element.clientWidth;
  };
  const scroller = (element: Element) => {
    for (let e = element.parentElement; e && e !== document.body; e = e.parentElement)
      if (scrollsSideways(e)) return e;
    return null;
  };
  const rendered = (element: Element) => element.getClientRects().length > 0;
  const describe = (element: Element) =>
    `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${[...element.classList].join(".")}`;

  const prose = [...document.querySelectorAll("main p, main li, main dd, main blockquote")].filter(
    (element) =>
      rendered(element) &&
      element.closest("figure, table, nav, header, [data-widget]") === null &&
      (element.textContent ?? "").trim().length > 0,
  );
  const smallProse = prose
    .map((element) => ({ element, size: Number.parseFloat(getComputedStyle(element).fontSize) }))
    .filter(({ size }) => size < limits.prose)
    .map(({ element, size }) => `${element.tagName}: ${size}px: ${element.textContent?.trim().slice(0, 60)}`);

  const texts = [...document.querySelectorAll("main svg text")].filter(
    (text) => rendered(text) && (text.textContent ?? "").trim().length > 0,
  ) as SVGTextElement[];
  const smallFigureText = texts.flatMap((text) => {
    const matrix = text.getScreenCTM();
    const scale = matrix ? Math.hypot(matrix.a, matrix.b) : 1;
    const size = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
    const figure = text.closest("figure.figure")?.id ?? describe(text.closest("svg") ?? text);
    // A hundredth of a pixel allows for rounding in the transform matrix.
    return size < limits.figureText - 0.01
      ? [`${figure}: ${size.toFixed(2)}px: ${text.textContent?.trim()}`]
      : [];
  });

  // Only the outermost overflowing element of each kind is reported: its descendants overflow with it.
  const overflowing = [...document.querySelectorAll("body *")]
    .filter((element) => rendered(element) && element.getBoundingClientRect().right > viewport + 0.5)
    .filter((element) => {
      const holder = scroller(element);
      return holder === null || holder.getBoundingClientRect().right > viewport + 0.5;
    })
    .filter((element, _, all) => !all.some((other) => other !== element && other.contains(element)))
    .map(describe);

  const unreachableScrollers = [...document.querySelectorAll("main *")]
    .filter((element) => rendered(element) && scrollsSideways(element))
    .filter((element) => {
      const focusable = (element as HTMLElement).tabIndex >= 0;
      const named =
        (element.getAttribute("aria-label") ?? "").trim() !== "" || element.hasAttribute("aria-labelledby");
      return !focusable || !named;
    })
    .map(describe);

  const hint = (frame: Element) => getComputedStyle(frame, "::after").visibility === "visible";
  const frames = [...document.querySelectorAll("main .figure-frame")].filter(rendered);
  const figures = frames.map((frame) => {
    const scroll = frame.querySelector(".figure-scroll");
    return {
      id: frame.closest("figure.figure")?.id ?? "",
      scrolls: scroll !== null && scrollsSideways(scroll),
      hint: hint(frame),
    };
  });

  return {
    viewport,
    pageWidth: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
    smallProse,
    proseCount: prose.length,
    smallFigureText,
    figureTextCount: texts.length,
    overflowing,
    unreachableScrollers,
    scrollingFigures: figures.filter((f) => f.scrolls).map(({ id, hint }) => ({ id, hint })),
    fittingFigures: figures.filter((f) => !f.scrolls).map(({ id, hint }) => ({ id, hint })),
  };
}

/** Every page: the top-level pages in src/pages/ and each chapter (known before the site is built). */
const paths = [
  ...readdirSync(join(siteDir, "src", "pages"))
    .filter((name) => name.endsWith(".astro"))
    .map((name) => (name === "index.astro" ? "" : `${name.replace(/\.astro$/, "")}/`)),
  ...chapterSlugs().map((slug) => `chapters/${slug}/`),
];

requireChromiumUnderCi("mobile");

describe.runIf(chromiumAvailable)("on a phone", () => {
  const suite = servedSiteInChromium();

  async function open(path: string, width: number): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await suite.browser.newContext({
      viewport: { width, height: 780 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const response = await page.goto(`${suite.url}${path}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    return { page, close: () => context.close() };
  }

  it.each(PHONES.flatMap((width) => paths.map((path) => [width, path] as const)))(
    "%i px, /%s: no page overflow, readable prose and figure text, wide content scrolls in its own region",
    async (width, path) => {
      const { page, close } = await open(path, width);
      const m = await page.evaluate(measure, { prose: MIN_PROSE_TEXT, figureText: MIN_FIGURE_TEXT });
      await close();

      expect(m.viewport).toBe(width);
      expect(m.pageWidth).toBeLessThanOrEqual(m.viewport);
      expect(m.overflowing).toEqual([]);
      expect(m.smallProse).toEqual([]);
      expect(m.smallFigureText).toEqual([]);
      expect(m.unreachableScrollers).toEqual([]);
      // The hint shows exactly where a figure scrolls.
      expect(m.scrollingFigures.filter((f) => !f.hint)).toEqual([]);
      expect(m.fittingFigures.filter((f) => f.hint)).toEqual([]);
    },
  );

  // A <select> is as wide as its longest option: the console's example picker must fit the row it sits in at
  // every width, whatever the options say. An option far longer than any real one is added to prove it.
  it.each([320, 360, 768, 1024, 1440])(
    "%i px: the SQL console's example picker fits the page even with a very long option",
    async (width) => {
      const { page, close } = await open("explore/", width);
      const m = await page.evaluate(() => {
        const select = document.querySelector(
          "[data-sql-console] select[data-part=examples]",
        ) as HTMLSelectElement;
        const option = document.createElement("option");
        option.textContent = "A very long example query label ".repeat(12);
        select.append(option);
        select.value = option.value;
        const row = select.parentElement as HTMLElement;
        const viewport = document.documentElement.clientWidth;
        return {
          viewport,
          pageWidth: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
          selectRight: select.getBoundingClientRect().right,
          selectWidth: select.getBoundingClientRect().width,
          rowRight: row.getBoundingClientRect().right,
          rowScrolls: row.scrollWidth > row.clientWidth,
        };
      });
      await close();
      expect(m.pageWidth).toBeLessThanOrEqual(m.viewport);
      expect(m.selectRight).toBeLessThanOrEqual(Math.min(m.rowRight, m.viewport) + 0.5);
      expect(m.rowScrolls).toBe(false);
      // Still a usable control, not squeezed to nothing.
      expect(m.selectWidth).toBeGreaterThan(100);
    },
  );

  it("a chapter has prose and figure text to measure, and figures that scroll with their hint", async () => {
    // The exploratory chapters, split in two: the measures add up over both.
    const measures: Measures[] = [];
    for (const path of ["chapters/exploratory-analysis/", "chapters/genres/"]) {
      const { page, close } = await open(path, PHONES[0] ?? 360);
      measures.push(await page.evaluate(measure, { prose: MIN_PROSE_TEXT, figureText: MIN_FIGURE_TEXT }));
      await close();
    }
    const m = {
      proseCount: measures.reduce((sum, x) => sum + x.proseCount, 0),
      figureTextCount: measures.reduce((sum, x) => sum + x.figureTextCount, 0),
      scrollingFigures: measures.flatMap((x) => x.scrollingFigures),
    };
    expect(m.proseCount).toBeGreaterThan(20);
    expect(m.figureTextCount).toBeGreaterThan(100);
    expect(m.scrollingFigures.length).toBeGreaterThan(3);
  });
});
