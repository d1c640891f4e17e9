import AxeBuilder from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { builtPages } from "./support/site.ts";

requireChromiumUnderCi("accessibility");

/** WCAG 2.1 A and AA, as axe-core tags its rules. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * The rules whose outcome depends on colours. The themes differ only in CSS colours (the same DOM, the same
 * ARIA), so the dark scan runs just these; the light scan runs every WCAG rule.
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** Every built page, as a path under the site's root ("" for the home page). */
const paths = builtPages().map((file) => file.replace(/index\.html$/, ""));

describe.runIf(chromiumAvailable)("accessibility (axe-core, WCAG 2.1 A/AA)", () => {
  const suite = servedSiteInChromium();

  it("has pages to scan", () => {
    expect(paths.length).toBeGreaterThan(10);
  });

  it.each(paths)("/%s has no violations in the light or the dark theme", async (path) => {
    const scans = (["light", "dark"] as const).map(async (colorScheme) => {
      const context = await suite.browser.newContext({ colorScheme });
      try {
        const page = await context.newPage();
        await page.goto(`${suite.url}${path}`, { waitUntil: "load" });
        const axe = new AxeBuilder({ page }).withTags(WCAG_TAGS);
        const { violations } = await (colorScheme === "dark" ? axe.withRules(COLOUR_RULES) : axe).analyze();
        return violations.map((v) => {
          const targets = v.nodes.slice(0, 3).map((n) => n.target.join(" "));
          return `${colorScheme}: ${v.id} (${v.impact}) × ${v.nodes.length}: ${v.help} — ${targets.join(" | ")}`;
        });
      } finally {
        await context.close();
      }
    });
    expect((await Promise.all(scans)).flat()).toEqual([]);
  });
});
