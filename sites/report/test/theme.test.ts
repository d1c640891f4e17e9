import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { THEME_BOOT_SCRIPT, THEME_KEY } from "../src/site/theme.ts";
import { chromiumAvailable, luminance } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { chapterSlugs } from "./support/site.ts";

requireChromiumUnderCi("theme");

/**
 * Records the page's background colour in the first animation frame, the moment before the first paint (which
 * waits for the stylesheets): if the stored theme were applied any later (say by a deferred script), this would
 * still be the system's colour.
 */
const RECORD_FIRST_BACKGROUND = `
  requestAnimationFrame(() => {
    window.__firstBackground = getComputedStyle(document.documentElement).backgroundColor;
  });
`;

/** The luminance of a recorded first background, which must be an opaque colour (the stylesheet applied). */
function firstLuminance(colour: string | undefined): number {
  expect(colour).toMatch(/^rgb\(/);
  return luminance(colour ?? "");
}

describe.runIf(chromiumAvailable)("the theme switch", () => {
  const suite = servedSiteInChromium();
  const [first, second] = chapterSlugs();

  async function open(context: BrowserContext, slug = first): Promise<Page> {
    const page = await context.newPage();
    await page.addInitScript(RECORD_FIRST_BACKGROUND);
    await page.goto(`${suite.url}chapters/${slug}/`, { waitUntil: "load" });
    return page;
  }

  const state = (page: Page) =>
    page.evaluate(() => ({
      attribute: document.documentElement.getAttribute("data-theme"),
      choice: document.querySelector<HTMLSelectElement>("[data-theme-switch] select")?.value,
      background: getComputedStyle(document.documentElement).backgroundColor,
      first: (window as unknown as { __firstBackground?: string }).__firstBackground,
      figureText: [...document.querySelectorAll("main figure svg text")]
        .slice(0, 1)
        .map((t) => getComputedStyle(t).fill || getComputedStyle(t).color)[0],
    }));

  it("pins dark over a light system, across pages and reloads, from the first paint", async () => {
    const context = await suite.browser.newContext({ colorScheme: "light" });
    const page = await open(context);
    const before = await state(page);
    expect(before.choice).toBe("system");
    expect(before.attribute).toBeNull();
    expect(luminance(before.background)).toBeGreaterThan(0.9);
    await page.selectOption("[data-theme-switch] select", "dark");
    const after = await state(page);
    expect(after.attribute).toBe("dark");
    expect(luminance(after.background)).toBeLessThan(0.1);

    await page.reload({ waitUntil: "load" });
    const reloaded = await state(page);
    expect(reloaded.choice).toBe("dark");
    expect(firstLuminance(reloaded.first)).toBeLessThan(0.1);

    const other = await open(context, second);
    const elsewhere = await state(other);
    expect(elsewhere.choice).toBe("dark");
    expect(firstLuminance(elsewhere.first)).toBeLessThan(0.1);
    await context.close();
  });

  it("pins light over a dark system, and goes back to the system's theme on request", async () => {
    const context = await suite.browser.newContext({ colorScheme: "dark" });
    const page = await open(context);
    expect(luminance((await state(page)).background)).toBeLessThan(0.1);
    await page.selectOption("[data-theme-switch] select", "light");
    await page.reload({ waitUntil: "load" });
    const light = await state(page);
    expect(light.attribute).toBe("light");
    expect(firstLuminance(light.first)).toBeGreaterThan(0.9);
    await page.selectOption("[data-theme-switch] select", "system");
    const system = await state(page);
    expect(system.attribute).toBeNull();
    expect(luminance(system.background)).toBeLessThan(0.1);
    expect(await page.evaluate((key) => localStorage.getItem(key), THEME_KEY)).toBeNull();
    await context.close();
  });

  it("follows a choice made in another tab", async () => {
    const context = await suite.browser.newContext({ colorScheme: "light" });
    const [a, b] = [await open(context), await open(context, second)];
    await a.selectOption("[data-theme-switch] select", "dark");
    await b.waitForFunction(() => document.documentElement.getAttribute("data-theme") === "dark");
    expect((await state(b)).choice).toBe("dark");
    await context.close();
  });

  it("draws figure text in the chosen theme's colours", async () => {
    const context = await suite.browser.newContext({ colorScheme: "light" });
    const page = await open(context);
    const lightText = (await state(page)).figureText;
    await page.selectOption("[data-theme-switch] select", "dark");
    const darkText = (await state(page)).figureText;
    expect(luminance(lightText ?? "")).toBeLessThan(0.2);
    expect(luminance(darkText ?? "")).toBeGreaterThan(0.7);
    await context.close();
  });

  it("shows no switch without JavaScript, and a stored value that is not a theme means the system's", async () => {
    const context = await suite.browser.newContext({ colorScheme: "dark", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.url}chapters/${first}/`, { waitUntil: "load" });
    expect(await page.locator("[data-theme-switch]").isVisible()).toBe(false);
    await context.close();

    const scripted = await suite.browser.newContext({ colorScheme: "dark" });
    await scripted.addInitScript((key) => localStorage.setItem(key, "sepia"), THEME_KEY);
    const odd = await open(scripted);
    expect((await state(odd)).attribute).toBeNull();
    expect((await state(odd)).choice).toBe("system");
    await scripted.close();
  });
});

describe("the theme's boot script", () => {
  it("is one short statement that names the storage key", () => {
    expect(THEME_BOOT_SCRIPT).toContain(JSON.stringify(THEME_KEY));
    expect(THEME_BOOT_SCRIPT.length).toBeLessThan(200);
  });
});
