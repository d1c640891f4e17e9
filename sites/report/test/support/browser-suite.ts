import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserTestsRequired, CHROMIUM, chromiumAvailable, launchChromium } from "./browser.ts";
import { type StaticSite, serveStatic } from "./server.ts";
import { distDir, ensureBuilt, expectedBase } from "./site.ts";

/** What a browser suite works with: a headless Chromium and the built site's URL on a local server. */
export interface BrowserSuite {
  readonly browser: Browser;
  /** The site's root URL, base path included. */
  readonly url: string;
}

/**
 * For the describe block it is called in: builds the site if needed, serves it locally and launches
 * Chromium before the block's tests, and closes both after them.
 */
export function servedSiteInChromium(): BrowserSuite {
  let browser: Browser | undefined;
  let site: StaticSite | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    site = await serveStatic(distDir, expectedBase);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the browser suite is used before its beforeAll ran");
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get url() {
      return started(site).url;
    },
  };
}

/** Browser suites skip where Chromium is missing, except under CI, where this fails the run instead. */
export function requireChromiumUnderCi(suite: string): void {
  describe.runIf(browserTestsRequired && !chromiumAvailable)(`${suite} (required under CI)`, () => {
    it("finds Chromium", () => {
      expect.fail(`CI is set but ${CHROMIUM} is missing: apt-get install -y chromium`);
    });
  });
}
