import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { chapterSlugs } from "./support/site.ts";

/** One table region at a wide screen, measured in the page. */
interface Region {
  label: string;
  right: number;
  scrolls: boolean;
}

/**
 * Every table region of a chapter, its data disclosures opened, against the layout: the text column's right
 * edge (main) and the page's (the .page content box, which the sidebar's column also ends at).
 */
function measureRegions(): { mainRight: number; pageRight: number; regions: Region[] } {
  for (const details of document.querySelectorAll("main details")) details.setAttribute("open", "");
  const page = document.querySelector(".page") as HTMLElement;
  const pageRight =
    page.getBoundingClientRect().right - Number.parseFloat(getComputedStyle(page).paddingRight);
  const mainRight = (document.querySelector("main") as HTMLElement).getBoundingClientRect().right;
  const regions = [...document.querySelectorAll<HTMLElement>("main .table-scroll")]
    .filter((region) => region.checkVisibility())
    .map((region) => ({
      label: region.getAttribute("aria-label") ?? "",
      right: region.getBoundingClientRect().right,
      scrolls: region.scrollWidth > region.clientWidth + 1,
    }));
  return { mainRight, pageRight, regions };
}

requireChromiumUnderCi("tables");

describe.runIf(chromiumAvailable)("wide tables", () => {
  const suite = servedSiteInChromium();

  it.each([1280, 360])(
    "at %i px scroll sideways in their region and keep their first column in view",
    async (width) => {
      const context = await suite.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${suite.url}chapters/comparing-models/`, { waitUntil: "load" });
      const result = await page.evaluate(() => {
        const regions = [...document.querySelectorAll<HTMLElement>("main .table-scroll")].filter(
          (r) => r.scrollWidth > r.clientWidth + 1,
        );
        return regions.map((region) => {
          region.scrollLeft = region.scrollWidth;
          const box = region.getBoundingClientRect();
          const cells = [...region.querySelectorAll<HTMLElement>("tr > :first-child")];
          const left = cells.map((cell) => Math.round(cell.getBoundingClientRect().left - box.left));
          return { scrolled: region.scrollLeft, firstColumnLeft: Math.max(...left.map(Math.abs)) };
        });
      });
      // The comparison chapter has tables wider than a phone (and than the column at 1280 px: the big comparison).
      if (width === 360) expect(result.length).toBeGreaterThan(0);
      for (const table of result) {
        expect(table.scrolled).toBeGreaterThan(0);
        expect(table.firstColumnLeft).toBeLessThanOrEqual(1);
      }
      await context.close();
    },
  );

  it.each(chapterSlugs())(
    "at 1280 px, %s: no table scrolls sideways while the sidebar's column beside it is free to take",
    async (slug) => {
      const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${suite.url}chapters/${slug}/`, { waitUntil: "load" });
      const m = await page.evaluate(measureRegions);
      await context.close();
      // The layout has a sidebar's column at 1280 px, so there is room to take.
      expect(m.pageRight - m.mainRight).toBeGreaterThan(200);
      // A table that still scrolls has taken all the room to the page's right edge, and none goes past it.
      expect(m.regions.filter((r) => r.scrolls && r.right < m.pageRight - 1).map((r) => r.label)).toEqual([]);
      expect(m.regions.filter((r) => r.right > m.pageRight + 1).map((r) => r.label)).toEqual([]);
    },
  );

  it("at 1280 px a table wider than the text column reaches past it, over the sidebar's column", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.url}chapters/comparing-models/`, { waitUntil: "load" });
    const m = await page.evaluate(measureRegions);
    await context.close();
    expect(m.regions.filter((r) => r.right > m.mainRight + 1).length).toBeGreaterThan(0);
  });
});
