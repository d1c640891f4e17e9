import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { analysisOutputDir, readResult } from "@spotiflies/analysis/results";
import { beforeAll, describe, expect, it } from "vitest";
import { citation, sizeText } from "../src/facts/sources.ts";
import { chromiumAvailable } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { parsePage } from "./support/html.ts";
import { distDir, ensureBuilt, readPage } from "./support/site.ts";

requireChromiumUnderCi("sources and downloads");

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const text = (html: string) => parsePage(html).body.textContent?.replace(/\s+/g, " ") ?? "";

describe("the sources page and the downloads on the built site", () => {
  beforeAll(async () => {
    await ensureBuilt();
  });

  it("names the dataset, its author, version and each host's licence, as the lock file states them", () => {
    // Read straight from the repository's lock file: the page must say what it says.
    const lock = JSON.parse(
      readFileSync(new URL("../../../data/dataset.lock.json", import.meta.url), "utf8"),
    ) as {
      revision: string;
      sha256: string;
      provenance?: { title: string; author: string; hosts: { url: string; license: string }[] };
    };
    const provenance = lock.provenance;
    if (!provenance) throw new Error("data/dataset.lock.json has no provenance");
    const page = text(readPage("sources/"));
    expect(page).toContain(provenance.title);
    expect(page).toContain(provenance.author);
    expect(page).toContain(lock.revision);
    expect(page).toContain(lock.sha256);
    for (const host of provenance.hosts) {
      expect(page).toContain(host.license);
      expect(readPage("sources/")).toContain(`href="${host.url}"`);
    }
    expect(page).toContain("CSM148 Spotiflies");
  });

  it("gives a citation that names the exact file", () => {
    const manifest = readResult(analysisOutputDir, "manifest");
    const { plain, bibtex } = citation(manifest, 2026);
    expect(plain).toContain(manifest.dataset.sha256);
    expect(plain).toContain("635b034");
    expect(bibtex).toMatch(/^@misc\{spotiflies_report_2026,\n {2}title = \{/);
    const unpinned = citation({ ...manifest, source: null }, 2026).plain;
    expect(unpinned).toContain("an unverified version");
    const page = readPage("sources/");
    expect(text(page)).toContain("@misc{spotiflies_report_");
  });

  it("lists every download with rows and checksum, and serves exactly those bytes", () => {
    const manifest = readResult(analysisOutputDir, "manifest");
    expect(manifest.downloads.map((d) => d.file).sort()).toEqual(
      ["cleaned.csv.gz", "cleaned.parquet", "removed-rows.csv"].sort(),
    );
    for (const page of ["sources/", "chapters/data-and-cleaning/"]) {
      const document = parsePage(readPage(page));
      for (const file of manifest.downloads) {
        const item = document.querySelector(`[data-download="${file.file}"]`);
        expect(item, `${page} lists ${file.file}`).not.toBeNull();
        expect(item?.querySelector("[data-sha256]")?.textContent).toBe(file.sha256);
        expect(item?.textContent).toContain(sizeText(file.bytes));
        const served = readFileSync(join(distDir, "downloads", file.file));
        expect(sha256(served), file.file).toBe(file.sha256);
      }
    }
    // The removed rows: one line per removed row (plus the header), as many as the cleaning chapter counts.
    const removed = readFileSync(join(distDir, "downloads", "removed-rows.csv"), "utf8")
      .trimEnd()
      .split("\n");
    const cleaning = readResult(analysisOutputDir, "cleaning");
    expect(removed[0]?.startsWith("removed_by,row_index,")).toBe(true);
    expect(removed.length - 1).toBe(cleaning.rowsRemoved);
    const cleaned = gunzipSync(readFileSync(join(distDir, "downloads", "cleaned.csv.gz")))
      .toString("utf8")
      .trimEnd()
      .split("\n");
    expect(cleaned.length - 1).toBe(cleaning.rowsKept);
  });

  it("formats sizes in decimal units", () => {
    expect(sizeText(20_118_244)).toBe("20.1 MB");
    expect(sizeText(41_234)).toBe("41 kB");
    expect(sizeText(512)).toBe("512 bytes");
  });
});

describe.runIf(chromiumAvailable)("downloading in a browser", () => {
  const suite = servedSiteInChromium();

  it("gets each file with the checksum the page shows", async () => {
    const context = await suite.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${suite.url}sources/`, { waitUntil: "load" });
    const items = await page.$$eval("[data-download]", (lis) =>
      lis.map((li) => ({
        file: li.getAttribute("data-download") ?? "",
        shown: li.querySelector("[data-sha256]")?.textContent ?? "",
      })),
    );
    expect(items.length).toBe(3);
    for (const { file, shown } of items) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.click(`[data-download="${file}"] a`),
      ]);
      const path = await download.path();
      expect(download.suggestedFilename()).toBe(file);
      expect(sha256(readFileSync(path)), file).toBe(shown);
    }
    await context.close();
  });
});
