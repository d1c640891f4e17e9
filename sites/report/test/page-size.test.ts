import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { builtPages, distDir, ensureBuilt } from "./support/site.ts";

/**
 * Every built page stays under a DOM budget, as a browser counts it after loading the page with its scripts:
 * Lighthouse flags pages of more than about 1,400 elements and warns at 6,000; beyond that, style recalculation,
 * layout and screen readers' page navigation slow down visibly on phones. Figures draw many marks as few
 * elements (merged paths, binned tooltips) and long data tables go to the downloads to stay under it.
 */
const MAX_ELEMENTS = 6000;

requireChromiumUnderCi("page size");

describe.runIf(chromiumAvailable)("page size", () => {
  const suite = servedSiteInChromium();

  it(`every page has at most ${MAX_ELEMENTS.toLocaleString("en-US")} elements`, async () => {
    await ensureBuilt();
    const pages = builtPages(distDir).map((file) => file.replace(/index\.html$/, ""));
    expect(pages.length).toBeGreaterThan(10);
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const counts: Record<string, number> = {};
    try {
      for (const path of pages) {
        const page = await context.newPage();
        await page.goto(`${suite.url}${path}`, { waitUntil: "load" });
        counts[path || "/"] = await page.evaluate(() => document.getElementsByTagName("*").length);
        await page.close();
      }
    } finally {
      await context.close();
    }
    console.info(
      Object.entries(counts)
        .map(([path, n]) => `${String(n).padStart(6)}  ${path}`)
        .join("\n"),
    );
    const over = Object.entries(counts).filter(([, n]) => n > MAX_ELEMENTS);
    expect(over, "pages over the budget (path, elements)").toEqual([]);
  }, 300_000);
});
