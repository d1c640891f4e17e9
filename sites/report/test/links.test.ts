import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { linkedUrls, parsePage } from "./support/html.ts";
import { brokenLinks } from "./support/links.ts";
import { builtPages, distDir, ensureBuilt, expectedBase } from "./support/site.ts";

beforeAll(() => ensureBuilt());

function documents(): [string, Document][] {
  return builtPages().map((page) => [page, parsePage(readFileSync(join(distDir, page), "utf8"))]);
}

describe("links", () => {
  it("every internal link and asset of every page resolves, anchors included", () => {
    expect(brokenLinks(distDir, expectedBase, builtPages())).toEqual([]);
  });

  it("internal links carry the base path", () => {
    for (const [page, document] of documents()) {
      for (const url of linkedUrls(document)) {
        if (url.startsWith("#") || /^[a-z]+:/.test(url)) continue;
        expect(url.startsWith(expectedBase), `${page}: ${url}`).toBe(true);
      }
    }
  });

  it("pages load nothing from another origin, and external links are https", () => {
    for (const [page, document] of documents()) {
      for (const element of document.querySelectorAll("[src], link[href]")) {
        const url = element.getAttribute("src") ?? element.getAttribute("href") ?? "";
        expect(/^([a-z]+:)?\/\//.test(url), `${page} loads ${url}`).toBe(false);
      }
      for (const anchor of document.querySelectorAll("a[href^='http']")) {
        expect(anchor.getAttribute("href")).toMatch(/^https:\/\//);
      }
    }
  });
});
