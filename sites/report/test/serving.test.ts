// How the built site is served by `npm run preview` (src/serve/): the build's precompressed copies, with the
// original's Content-Type and a Content-Encoding, never compressed twice; and, in Chromium, that /explore/
// downloads nothing heavy (DuckDB's wasm, the database) until the page has loaded and gone idle.
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DUCKDB_DIR, DUCKDB_WASM, TRACKS_DATABASE } from "../src/widgets/duckdb/files.ts";
import { chromiumAvailable, launchChromium } from "./support/browser.ts";
import { requireChromiumUnderCi } from "./support/browser-suite.ts";
import { type ServedResponse, type StaticSite, serveStatic } from "./support/server.ts";
import { distDir, ensureBuilt, expectedBase } from "./support/site.ts";

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly the headers given (Node's fetch would add and undo an encoding itself). */
function get(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on("error", reject)
      .end();
  });
}

let site: StaticSite;
const served: ServedResponse[] = [];

beforeAll(async () => {
  await ensureBuilt();
  site = await serveStatic(distDir, expectedBase, { gzip: true, onResponse: (r) => served.push(r) });
});
afterAll(async () => {
  await site?.close();
});

describe("the preview server sends the build's precompressed files", () => {
  const cases = [
    ["explore/", "explore/index.html", "text/html; charset=utf-8"],
    [`${DUCKDB_DIR}/${DUCKDB_WASM}`, `${DUCKDB_DIR}/${DUCKDB_WASM}`, "application/wasm"],
    [`${DUCKDB_DIR}/${TRACKS_DATABASE}`, `${DUCKDB_DIR}/${TRACKS_DATABASE}`, "application/octet-stream"],
  ] as const;

  it.each(cases)(
    "%s: gzip as written at build time, once, with the file's own type",
    async (path, file, type) => {
      const response = await get(`${site.url}${path}`, { "Accept-Encoding": "gzip" });
      expect(response.status).toBe(200);
      expect(response.headers["content-encoding"]).toBe("gzip");
      expect(response.headers["content-type"]).toBe(type);
      expect(response.headers.vary).toBe("Accept-Encoding");
      // Exactly the precompressed copy, and one gunzip gives the original: never compressed twice.
      expect(response.body.equals(readFileSync(join(distDir, `${file}.gz`)))).toBe(true);
      expect(Number(response.headers["content-length"])).toBe(response.body.length);
      expect(gunzipSync(response.body).equals(readFileSync(join(distDir, file)))).toBe(true);
    },
  );

  it("prefers Brotli where accepted, and sends the file as it is to clients that accept neither", async () => {
    const path = `${DUCKDB_DIR}/${DUCKDB_WASM}`;
    const original = readFileSync(join(distDir, path));
    const br = await get(`${site.url}${path}`, { "Accept-Encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
    const plain = await get(`${site.url}${path}`, {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
    const refused = await get(`${site.url}${path}`, { "Accept-Encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });

  it("answers a byte range from the uncompressed file, as DuckDB's range reads need", async () => {
    const path = `${DUCKDB_DIR}/${TRACKS_DATABASE}`;
    const response = await get(`${site.url}${path}`, { "Accept-Encoding": "gzip", Range: "bytes=0-99" });
    expect(response.status).toBe(206);
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.body.equals(readFileSync(join(distDir, path)).subarray(0, 100))).toBe(true);
  });

  it("leaves small and already-compressed files alone", async () => {
    const download = await get(`${site.url}downloads/cleaned.parquet`, { "Accept-Encoding": "gzip, br" });
    expect(download.headers["content-encoding"]).toBeUndefined();
  });
});

describe.runIf(chromiumAvailable)("/explore/ in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("is sent compressed, and requests DuckDB's wasm and the database only after load, at idle", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      served.length = 0;
      const response = await page.goto(`${site.url}explore/`, { waitUntil: "load" });
      expect(await response?.headerValue("content-encoding")).toMatch(/^(br|gzip)$/);
      const loadEnd = await page.evaluate(() => {
        const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return performance.timeOrigin + navigation.loadEventEnd;
      });
      // No interaction: the idle trigger alone starts the downloads, soon after load.
      const heavy = (r: ServedResponse) => r.path.endsWith(DUCKDB_WASM) || r.path.endsWith(TRACKS_DATABASE);
      await expect.poll(() => served.filter(heavy).length, { timeout: 20_000 }).toBe(2);
      for (const r of served.filter(heavy)) {
        expect(r.receivedAt, r.path).toBeGreaterThanOrEqual(Math.floor(loadEnd));
        expect(r.encoding, r.path).toMatch(/^(br|gzip)$/);
      }
    } finally {
      await context.close();
    }
  });
});

requireChromiumUnderCi("/explore/ in Chromium");
