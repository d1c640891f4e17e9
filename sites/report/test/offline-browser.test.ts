// Reading offline after a first visit, in Chromium: the service worker (src/offline/) saves the pages a
// reader opened, their files and DuckDB's files once a page used them; with the network gone (Chromium's
// offline mode and the server stopped), those pages open, the SQL console on /explore/ still answers, and a
// page never opened shows the offline page instead of the browser's error; a search made online works again.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheName } from "../src/offline/rules.ts";
import { DUCKDB_DIR, DUCKDB_FILES } from "../src/widgets/duckdb/files.ts";
import { chromiumAvailable, launchChromium } from "./support/browser.ts";
import { requireChromiumUnderCi } from "./support/browser-suite.ts";
import { type StaticSite, serveStatic } from "./support/server.ts";
import { chapterSlugs, distDir, ensureBuilt, expectedBase, readPage } from "./support/site.ts";
import { queryParquet, runInConsole } from "./support/widgets.ts";

const CONSOLE = "#sql-console";
/** A word the chapters use, searched for online and then again offline. */
const SEARCH = "danceability";
const QUERY =
  "SELECT count(*)::VARCHAR || ' ' || max(popularity)::VARCHAR AS v FROM tracks WHERE track_genre = 'jazz'";

/** The URLs saved in this build's cache of the site at `scope` (the page's own view of Cache Storage). */
function savedUrls(page: Page, scope: string): Promise<string[]> {
  return page.evaluate(
    async (prefix) => {
      const names = (await caches.keys()).filter((name) => name.startsWith(prefix));
      const urls: string[] = [];
      for (const name of names) urls.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
      return urls;
    },
    cacheName(scope, ""),
  );
}

/** The pages a search lists, in order. */
function searchResults(page: Page): Promise<string[]> {
  return page.$$eval("[data-search-results] > li > h2 > a", (links) =>
    links.map((link) => (link as HTMLAnchorElement).href),
  );
}

/** The text of a built page's <h1>, read from the build. */
function builtHeading(path: string): string {
  const match = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(readPage(path));
  return (match?.[1] ?? "")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

describe.runIf(chromiumAvailable)("reading offline after a first visit", () => {
  let browser: Browser;
  let site: StaticSite;
  let context: BrowserContext;
  let page: Page;
  let scope: string;
  /** The pages the search found online. */
  let found: string[] = [];
  const chapter = `chapters/${chapterSlugs()[0]}/`;

  beforeAll(async () => {
    await ensureBuilt();
    // A server of its own, since the test stops it.
    site = await serveStatic(distDir, expectedBase, { gzip: true });
    scope = site.url;
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (site?.server.listening) await site.close();
  });

  it("saves the first page opened, once the worker is active", async () => {
    await page.goto(`${scope}${chapter}`, { waitUntil: "load" });
    // The first page is not the worker's (it was loaded before the worker existed); it asks to be saved.
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => savedUrls(page, scope), { timeout: 30_000 }).toContain(`${scope}${chapter}`);
    const saved = await savedUrls(page, scope);
    expect(saved).toContain(`${scope}offline/`);
    const stylesheets = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((link) => link.href),
    );
    for (const href of stylesheets) expect(saved).toContain(href);
  });

  it("saves /explore/ and DuckDB's files when the SQL console is used", async () => {
    await page.goto(`${scope}explore/`, { waitUntil: "load" });
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${scope}sw.js`);
    const [expected] = await queryParquet(QUERY);
    const outcome = await runInConsole(page, CONSOLE, QUERY);
    expect([outcome.error, outcome.rows]).toEqual(["", [[String(expected?.v)]]]);
    const duckdb = DUCKDB_FILES.map((name) => `${scope}${DUCKDB_DIR}/${name}`);
    await expect
      .poll(
        async () => {
          const saved = await savedUrls(page, scope);
          return [`${scope}explore/`, ...duckdb].filter((url) => !saved.includes(url));
        },
        { timeout: 60_000 },
      )
      .toEqual([]);
  });

  it("saves the search index's files a search reads", async () => {
    await page.goto(`${scope}search/?q=${SEARCH}`, { waitUntil: "load" });
    await page.waitForSelector("[data-search-results] li a");
    found = await searchResults(page);
    expect(found.length).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const saved = await savedUrls(page, scope);
        return [`${scope}search/`, `${scope}pagefind/pagefind-entry.json`].filter(
          (url) => !saved.includes(url),
        );
      })
      .toEqual([]);
  });

  it("with the network gone, opens the saved chapter, answers on /explore/ and explains pages never opened", async () => {
    await context.setOffline(true);
    const closing = site.close();
    site.server.closeAllConnections();
    await closing;

    const chapterPage = await page.goto(`${scope}${chapter}`, { waitUntil: "load" });
    expect(chapterPage?.status()).toBe(200);
    expect(await page.textContent("h1")).toBe(builtHeading(chapter));
    // Styled: the saved stylesheet applied (it moves the skip link off screen).
    expect(await page.$eval(".skip-link", (link) => getComputedStyle(link).position)).toBe("absolute");

    await page.goto(`${scope}explore/`, { waitUntil: "load" });
    const [expected] = await queryParquet(QUERY);
    const outcome = await runInConsole(page, CONSOLE, QUERY);
    expect([outcome.error, outcome.rows]).toEqual(["", [[String(expected?.v)]]]);

    await page.goto(`${scope}search/?q=${SEARCH}`, { waitUntil: "load" });
    await page.waitForSelector("[data-search-results] li a");
    expect(await searchResults(page)).toEqual(found);

    const never = await page.goto(`${scope}sources/`, { waitUntil: "load" });
    expect(never?.status()).toBe(503);
    expect(await page.textContent("h1")).toBe("You are offline");
    await page.waitForSelector("[data-saved]:not([hidden])");
    const listed = await page.$$eval("[data-saved-list] a", (links) =>
      links.map((link) => (link as HTMLAnchorElement).href),
    );
    expect(listed).toEqual(
      expect.arrayContaining([`${scope}${chapter}`, `${scope}explore/`, `${scope}search/`]),
    );
    expect(listed).not.toContain(`${scope}sources/`);
  });
});

requireChromiumUnderCi("reading offline after a first visit");
