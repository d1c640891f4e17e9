import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";

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
});
