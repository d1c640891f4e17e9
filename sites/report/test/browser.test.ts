import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, luminance } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { chapterSlugs } from "./support/site.ts";

const paths = ["", ...chapterSlugs().map((slug) => `chapters/${slug}/`)];

requireChromiumUnderCi("browser");

describe.runIf(chromiumAvailable)("in a browser", () => {
  const suite = servedSiteInChromium();

  /** Opens a page in a fresh context, recording console errors, page errors and requests to other origins. */
  async function visit(path: string, options: BrowserContextOptions = {}) {
    const context = await suite.browser.newContext(options);
    const page: Page = await context.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    const origin = new URL(suite.url).origin;
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    context.on("request", (request) => {
      if (new URL(request.url()).origin !== origin) foreign.push(request.url());
    });
    const response = await page.goto(`${suite.url}${path}`, { waitUntil: "load" });
    return { context, page, errors, foreign, status: response?.status() };
  }

  /** What the tests compare between visits: the main content's text and how many figures and SVGs it holds. */
  async function content(page: Page) {
    return page.evaluate(() => ({
      text: document.querySelector("main")?.textContent?.replace(/\s+/g, " ").trim() ?? "",
      svgs: document.querySelectorAll("main svg").length,
      figures: document.querySelectorAll("main figure.figure").length,
    }));
  }

  const colours = (page: Page) =>
    page.evaluate(() => ({
      background: getComputedStyle(document.documentElement).backgroundColor,
      text: getComputedStyle(document.body).color,
    }));

  it.each(paths)(
    "/%s: no console errors or off-origin requests; light and dark themes; same content without JavaScript",
    async (path) => {
      // Light theme, JavaScript on.
      const light = await visit(path, { colorScheme: "light" });
      expect(light.status).toBe(200);
      const lightColours = await colours(light.page);
      const withScript = await content(light.page);
      const figureWidths = await light.page.evaluate(() =>
        [...document.querySelectorAll(".figure-graphic")]
          .filter((graphic) => graphic.checkVisibility())
          .map((graphic) => graphic.querySelector("svg")?.getBoundingClientRect().width ?? 0),
      );
      await light.context.close();
      // Dark theme, JavaScript off.
      const dark = await visit(path, { colorScheme: "dark", javaScriptEnabled: false });
      const darkColours = await colours(dark.page);
      const withoutScript = await content(dark.page);
      await dark.context.close();

      expect([...light.errors, ...dark.errors]).toEqual([]);
      expect([...light.foreign, ...dark.foreign]).toEqual([]);
      expect(luminance(lightColours.background)).toBeGreaterThan(0.9);
      expect(luminance(lightColours.text)).toBeLessThan(0.1);
      expect(luminance(darkColours.background)).toBeLessThan(0.05);
      expect(luminance(darkColours.text)).toBeGreaterThan(0.5);
      expect(withoutScript).toEqual(withScript);
      expect(withScript.text.length).toBeGreaterThan(200);
      for (const width of figureWidths) expect(width).toBeGreaterThan(0);
    },
  );

  it("the skip link moves focus to the main content", async () => {
    const { context, page } = await visit("");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toContain("skip-link");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("content");
    await context.close();
  });
});
