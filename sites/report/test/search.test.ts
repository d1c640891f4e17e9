import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_QUERY_LENGTH, safeExcerpt, summary, toHit } from "../src/site/search.ts";
import { chromiumAvailable } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { distDir, ensureBuilt, readPage } from "./support/site.ts";

requireChromiumUnderCi("search");

/** A phrase that appears in one chapter's prose only (the neural-network chapter's section on its inputs). */
const PHRASE = "piecewise-linear encoding";
const CHAPTER = "chapters/neural-network/";

describe("the search index", () => {
  beforeAll(async () => {
    await ensureBuilt();
  });

  it("is built into the site with its WebAssembly and no ready-made interface", () => {
    const bundle = join(distDir, "pagefind");
    const files = readdirSync(bundle);
    expect(files).toContain("pagefind.js");
    expect(files.some((f) => f.endsWith(".pagefind"))).toBe(true);
    expect(files.filter((f) => /^pagefind-(ui|component-ui|modular-ui|highlight)\./.test(f))).toEqual([]);
    expect(existsSync(join(bundle, "pagefind-entry.json"))).toBe(true);
  });

  it("indexes each page's main content, not the search page itself", () => {
    expect(readPage(CHAPTER)).toMatch(/<main[^>]*data-pagefind-body/);
    expect(readPage("search/")).not.toMatch(/data-pagefind-body/);
    // Figures' drawn text and the tables of numbers behind them stay out of the index; their captions are in it.
    expect(readPage(CHAPTER)).toMatch(/class="figure-frame" data-pagefind-ignore/);
    expect(readPage(CHAPTER)).toMatch(/class="figure-data" data-pagefind-ignore/);
  });
});

describe("search results as the page lists them", () => {
  it("keeps only <mark> from an excerpt", () => {
    expect(safeExcerpt("a <mark>loud</mark> <img src=x onerror=alert(1)> & b")).toBe(
      "a <mark>loud</mark> &lt;img src=x onerror=alert(1)&gt; &amp; b",
    );
  });

  it("lists a page's sections but not its own top", () => {
    const hit = toHit({
      url: "/a/",
      excerpt: "x",
      meta: { title: "A" },
      sub_results: [
        { title: "A", url: "/a/", excerpt: "x" },
        { title: "One", url: "/a/#one", excerpt: "y" },
      ],
    });
    expect(hit.sections).toEqual([{ title: "One", url: "/a/#one", excerpt: "y" }]);
    expect(summary("q", 0)).toBe("Nothing in the report matches “q”.");
    expect(summary("q", 1)).toBe("1 page matches “q”.");
    expect(summary("q", 12)).toBe("12 pages match “q” (the 10 best are listed).");
  });
});

describe.runIf(chromiumAvailable)("searching in a browser", () => {
  const suite = servedSiteInChromium();

  async function searchPage(query?: string) {
    const context = await suite.browser.newContext();
    const page: Page = await context.newPage();
    const foreign: string[] = [];
    const errors: string[] = [];
    const origin = new URL(suite.url).origin;
    context.on("request", (request) => {
      if (new URL(request.url()).origin !== origin) foreign.push(request.url());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const q = query === undefined ? "" : `?q=${encodeURIComponent(query)}`;
    await page.goto(`${suite.url}search/${q}`, { waitUntil: "load" });
    return { context, page, foreign, errors };
  }

  it("finds a phrase from a chapter, and its link lands on the section that holds it", async () => {
    const { context, page, foreign, errors } = await searchPage();
    await page.fill("#search-query", PHRASE);
    await page.waitForSelector("[data-search-results] li a");
    const links = await page.$$eval("[data-search-results] > li > h2 > a", (as) =>
      as.map((a) => (a as HTMLAnchorElement).href),
    );
    expect(links[0]).toBe(`${suite.url}${CHAPTER}`);
    expect(await page.textContent("[data-search-status]")).toMatch(/pages? match/);
    expect(await page.$$eval("[data-search-results] mark", (ms) => ms.length)).toBeGreaterThan(0);
    // The query is kept in the address, so the search can be reloaded or shared.
    expect(new URL(page.url()).searchParams.get("q")).toBe(PHRASE);

    const section = page.locator("[data-search-results] > li").first().locator("ul a").first();
    const sectionHref = await section.getAttribute("href");
    expect(sectionHref).toMatch(/#/);
    await section.click();
    await page.waitForURL((url) => url.hash.length > 1);
    expect(page.url().startsWith(`${suite.url}${CHAPTER}`)).toBe(true);
    const text = await page.textContent("main");
    expect(text?.replace(/\s+/g, " ")).toContain(PHRASE);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("runs the search in the address on load, says when nothing matches, and bounds the query", async () => {
    const { context, page } = await searchPage("zzyzx-not-a-word");
    await page.waitForFunction(() =>
      /Nothing/.test(document.querySelector("[data-search-status]")?.textContent ?? ""),
    );
    expect(await page.$$("[data-search-results] li")).toHaveLength(0);
    expect(await page.getAttribute("#search-query", "maxlength")).toBe(String(MAX_QUERY_LENGTH));
    await page.fill("#search-query", "");
    await page.waitForFunction(
      () => (document.querySelector("[data-search-status]")?.textContent ?? "") === "",
    );
    await context.close();
  });

  it("lists every chapter that discusses a common word, best first, at most ten", async () => {
    const { context, page } = await searchPage("loudness");
    await page.waitForSelector("[data-search-results] li");
    const titles = await page.$$eval("[data-search-results] > li > h2", (hs) => hs.map((h) => h.textContent));
    expect(titles.length).toBeGreaterThan(2);
    expect(titles.length).toBeLessThanOrEqual(10);
    await context.close();
  });
});
