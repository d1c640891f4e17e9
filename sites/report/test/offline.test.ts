// The service worker's caching rules (src/offline/rules.ts), and the worker script the build writes
// (src/offline/script.ts) run against an in-memory Cache Storage and a scripted network: which requests it
// answers, with which strategy, what it saves and what it deletes. offline-browser.test.ts runs it in Chromium.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { buildId, offlinePageFiles } from "../src/integrations/offline.ts";
import { cacheable, cacheName, cachingRule, SERVICE_WORKER_FILE } from "../src/offline/rules.ts";
import { serviceWorkerScript } from "../src/offline/script.ts";
import { serveSite } from "../src/serve/static-server.ts";

const SCOPE = "http://127.0.0.1:4321/report/";
const get = (path: string, extra: Partial<{ method: string; range: boolean }> = {}) =>
  cachingRule({ method: "GET", url: new URL(path, SCOPE).href, range: false, ...extra }, SCOPE);

describe("cachingRule", () => {
  it("sends pages network-first and saves them without their query string or fragment", () => {
    expect(get("chapters/genres/?from=search#pca")).toEqual({
      strategy: "network-first",
      kind: "page",
      key: `${SCOPE}chapters/genres/`,
    });
    expect(get("")?.strategy).toBe("network-first");
    expect(get("favicon.svg")?.strategy).toBe("network-first");
  });

  it("answers the build's fixed files from the cache first: hashed assets, DuckDB's files and the search index", () => {
    expect(get("_astro/app.C2XT2JI5.js")).toEqual({
      strategy: "cache-first",
      kind: "asset",
      key: `${SCOPE}_astro/app.C2XT2JI5.js`,
    });
    for (const file of [
      "duckdb-eh-slim.wasm",
      "duckdb-worker.js",
      "duckdb-browser-eh.worker.js",
      "tracks.duckdb",
    ])
      expect(get(`duckdb/${file}`)?.kind, file).toBe("database");
    expect(get("duckdb/tracks.duckdb")?.strategy).toBe("cache-first");
    expect(get("pagefind/fragment/en_1a2b3c.pf_fragment")).toMatchObject({
      strategy: "cache-first",
      kind: "search",
    });
    expect(get("pagefind/pagefind-entry.json?ts=1765062000000")?.key).toBe(
      `${SCOPE}pagefind/pagefind-entry.json`,
    );
  });

  it("leaves to the browser what must not be cached: other methods, ranges, other origins and paths, the worker, downloads", () => {
    expect(get("chapters/genres/", { method: "POST" })).toBeUndefined();
    expect(get("duckdb/tracks.duckdb", { method: "HEAD" })).toBeUndefined();
    expect(get("duckdb/tracks.duckdb", { range: true })).toBeUndefined();
    expect(get("https://cdn.example.org/report/_astro/app.js")).toBeUndefined();
    expect(get("http://127.0.0.1:9999/report/")).toBeUndefined();
    expect(get("/elsewhere/page/")).toBeUndefined();
    expect(get(SERVICE_WORKER_FILE)).toBeUndefined();
    expect(get("downloads/tracks-clean.parquet")).toBeUndefined();
  });
});

describe("cacheable", () => {
  it("saves only complete, successful answers from the site itself", () => {
    expect(cacheable({ status: 200, type: "basic" })).toBe(true);
    expect(cacheable({ status: 404, type: "basic" })).toBe(false);
    expect(cacheable({ status: 500, type: "basic" })).toBe(false);
    expect(cacheable({ status: 206, type: "basic" })).toBe(false);
    expect(cacheable({ status: 0, type: "opaque" })).toBe(false);
    expect(cacheable({ status: 0, type: "opaqueredirect" })).toBe(false);
    expect(cacheable({ status: 200, type: "cors" })).toBe(false);
  });
});

describe("cacheName", () => {
  it("names a build's cache by the site's path and the build, under a prefix the site's builds share", () => {
    const name = cacheName(SCOPE, "b1");
    expect(name).not.toBe(cacheName(SCOPE, "b2"));
    expect(name.startsWith(cacheName(SCOPE, ""))).toBe(true);
    expect(cacheName("http://127.0.0.1:4321/other/", "b1").startsWith(cacheName(SCOPE, ""))).toBe(false);
  });
});

/** Cache Storage in memory, as much of it as the worker uses. */
class MemoryCache {
  readonly entries = new Map<string, Response>();
  async match(key: RequestInfo | URL): Promise<Response | undefined> {
    return this.entries.get(String(key instanceof Request ? key.url : key))?.clone();
  }
  async put(key: RequestInfo | URL, response: Response): Promise<void> {
    this.entries.set(String(key instanceof Request ? key.url : key), response.clone());
  }
  async addAll(urls: string[]): Promise<void> {
    for (const url of urls) {
      const response = await network.fetch(url);
      if (!response.ok) throw new TypeError(`addAll: ${url} answered ${response.status}`);
      await this.put(url, response);
    }
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

class MemoryCaches {
  readonly caches = new Map<string, MemoryCache>();
  async open(name: string): Promise<MemoryCache> {
    if (!this.caches.has(name)) this.caches.set(name, new MemoryCache());
    return this.caches.get(name) as MemoryCache;
  }
  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }
  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }
}

/** The site as the network serves it: bodies by URL; `online` false makes every fetch fail as browsers do. */
const network = {
  online: true,
  files: new Map<string, { body: string; status?: number }>(),
  calls: [] as { url: string; cache: RequestCache | undefined }[],
  async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = input instanceof Request ? input.url : String(input);
    network.calls.push({ url, cache: init?.cache });
    if (!network.online) throw new TypeError("Failed to fetch");
    // A static host ignores the query string.
    const file = network.files.get(url.replace(/\?.*$/, ""));
    if (!file) return new Response("not found", { status: 404 });
    return new Response(file.body, { status: file.status ?? 200, headers: { "Content-Type": "text/html" } });
  },
};

type Listener = (event: unknown) => void;

/** Runs the worker script as a browser would, with the in-memory caches and network above. */
function startWorker(build: string) {
  const listeners = new Map<string, Listener>();
  let skipped = false;
  const storage = new MemoryCaches();
  const self = {
    registration: { scope: SCOPE },
    skipWaiting: async () => {
      skipped = true;
    },
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
  };
  const script = serviceWorkerScript({
    build,
    precache: ["offline/", "_astro/offline.css"],
    offline: "offline/",
  });
  new Function("self", "caches", "fetch", script)(self, storage, network.fetch);
  /** Dispatches an event; resolves with what it answered (if anything) once its waitUntil work is done. */
  const dispatch = async (type: string, fields: object): Promise<Response | undefined> => {
    const pending: Promise<unknown>[] = [];
    let answer: Promise<Response> | undefined;
    const event = {
      ...fields,
      waitUntil: (promise: Promise<unknown>) => pending.push(promise),
      respondWith: (response: Promise<Response>) => {
        answer = response;
      },
    };
    listeners.get(type)?.(event);
    const response = await answer;
    // waitUntil may be called while the answer is prepared; wait for all of it.
    for (let i = 0; i < pending.length; i++) await pending[i];
    return response;
  };
  const request = (path: string, init: RequestInit = {}, mode: RequestMode = "cors") => {
    const req = new Request(new URL(path, SCOPE).href, init);
    Object.defineProperty(req, "mode", { value: mode });
    return dispatch("fetch", { request: req });
  };
  return {
    storage,
    skipped: () => skipped,
    install: () => dispatch("install", {}),
    activate: () => dispatch("activate", {}),
    fetch: request,
    navigate: (path: string) => request(path, {}, "navigate"),
    message: (data: unknown) => dispatch("message", { data }),
    saved: async (path: string) =>
      (await storage.open(cacheName(SCOPE, build))).entries.has(new URL(path, SCOPE).href),
  };
}

const url = (path: string) => new URL(path, SCOPE).href;

describe("the worker script", () => {
  beforeEach(() => {
    network.online = true;
    network.calls.length = 0;
    network.files = new Map([
      [url("offline/"), { body: "<title>You are offline</title>" }],
      [url("_astro/offline.css"), { body: "body{}" }],
      [url("chapters/genres/"), { body: "genres, first build" }],
      [url("_astro/app.js"), { body: "app" }],
      [url("duckdb/tracks.duckdb"), { body: "database" }],
      [url("explore/"), { body: "explore" }],
      [url("broken/"), { body: "server error", status: 500 }],
    ]);
  });

  it("saves the offline page and its files on install, then takes over at once", async () => {
    const worker = startWorker("b1");
    await worker.install();
    expect(await worker.saved("offline/")).toBe(true);
    expect(await worker.saved("_astro/offline.css")).toBe(true);
    expect(worker.skipped()).toBe(true);
    expect(await worker.saved("chapters/genres/")).toBe(false);
  });

  it("on activation deletes this site's other builds, not other sites' caches", async () => {
    const worker = startWorker("b2");
    for (const name of [
      cacheName(SCOPE, "b1"),
      cacheName("http://127.0.0.1:4321/other/", "b1"),
      "someone-else",
    ])
      await worker.storage.open(name);
    await worker.install();
    await worker.activate();
    expect(await worker.storage.keys()).toEqual([
      cacheName("http://127.0.0.1:4321/other/", "b1"),
      "someone-else",
      cacheName(SCOPE, "b2"),
    ]);
  });

  it("serves pages from the network while online, and the saved copy only when the network fails", async () => {
    const worker = startWorker("b1");
    await worker.install();
    expect(await (await worker.navigate("chapters/genres/"))?.text()).toBe("genres, first build");
    network.files.set(url("chapters/genres/"), { body: "genres, rebuilt" });
    expect(await (await worker.navigate("chapters/genres/?q=pca"))?.text()).toBe("genres, rebuilt");
    network.online = false;
    const offline = await worker.navigate("chapters/genres/");
    expect([offline?.status, await offline?.text()]).toEqual([200, "genres, rebuilt"]);
  });

  it("shows the offline page, with a 503, for a page never opened; other files fail as they would", async () => {
    const worker = startWorker("b1");
    await worker.install();
    network.online = false;
    const page = await worker.navigate("sources/");
    expect([page?.status, await page?.text()]).toEqual([503, "<title>You are offline</title>"]);
    await expect(worker.fetch("_astro/never.js")).rejects.toThrow("Failed to fetch");
    await expect(worker.fetch("data/never.csv")).rejects.toThrow("Failed to fetch");
  });

  it("never saves an error response", async () => {
    const worker = startWorker("b1");
    expect((await worker.navigate("broken/"))?.status).toBe(500);
    expect((await worker.fetch("_astro/missing.js"))?.status).toBe(404);
    expect(await worker.saved("broken/")).toBe(false);
    expect(await worker.saved("_astro/missing.js")).toBe(false);
  });

  it("answers the database from the cache once saved, without asking the network again", async () => {
    const worker = startWorker("b1");
    expect(await (await worker.fetch("duckdb/tracks.duckdb"))?.text()).toBe("database");
    expect(await worker.saved("duckdb/tracks.duckdb")).toBe(true);
    network.calls.length = 0;
    expect(await (await worker.fetch("duckdb/tracks.duckdb"))?.text()).toBe("database");
    expect(network.calls).toEqual([]);
  });

  it("does not answer other methods, ranges or other origins", async () => {
    const worker = startWorker("b1");
    expect(await worker.fetch("chapters/genres/", { method: "POST", body: "x" })).toBeUndefined();
    expect(await worker.fetch("duckdb/tracks.duckdb", { headers: { Range: "bytes=0-9" } })).toBeUndefined();
    expect(await worker.fetch("https://cdn.example.org/lib.js")).toBeUndefined();
    expect(network.calls).toEqual([]);
  });

  it("saves what the first page loaded when that page asks, from the HTTP cache if it can, but not DuckDB's files", async () => {
    const worker = startWorker("b1");
    await worker.message({
      type: "save-visited",
      urls: [
        url("explore/"),
        url("_astro/app.js"),
        url("duckdb/tracks.duckdb"),
        "https://cdn.example.org/x.js",
      ],
    });
    expect(await worker.saved("explore/")).toBe(true);
    expect(await worker.saved("_astro/app.js")).toBe(true);
    expect(await worker.saved("duckdb/tracks.duckdb")).toBe(false);
    expect(network.calls).toEqual([
      { url: url("explore/"), cache: "force-cache" },
      { url: url("_astro/app.js"), cache: "force-cache" },
    ]);
    await worker.message({ type: "something-else", urls: [url("chapters/genres/")] });
    expect(await worker.saved("chapters/genres/")).toBe(false);
  });
});

describe("buildId", () => {
  const dir = mkdtempSync(join(tmpdir(), "spotiflies-offline-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("changes with any file of the build, but not with the worker's own script", async () => {
    writeFileSync(join(dir, "index.html"), "<h1>home</h1>");
    writeFileSync(join(dir, "tracks.duckdb"), "v1");
    const first = await buildId(dir);
    writeFileSync(join(dir, SERVICE_WORKER_FILE), "// any worker");
    expect(await buildId(dir)).toBe(first);
    writeFileSync(join(dir, "tracks.duckdb"), "v2");
    expect(await buildId(dir)).not.toBe(first);
    writeFileSync(join(dir, "tracks.duckdb"), "v1");
    expect(await buildId(dir)).toBe(first);
  });
});

describe("offlinePageFiles", () => {
  const dir = mkdtempSync(join(tmpdir(), "spotiflies-offline-page-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the offline page and every file it loads, its scripts' imports included, under the base", async () => {
    mkdirSync(join(dir, "offline"));
    mkdirSync(join(dir, "_astro"));
    writeFileSync(
      join(dir, "offline", "index.html"),
      '<link rel="icon" href="/report/favicon.svg"><link rel="stylesheet" href="/report/_astro/page.css">' +
        '<script type="module" src="/report/_astro/a.js"></script>' +
        '<script type="module">import{x}from"/report/_astro/b.js";x()</script><script>var t=1</script>',
    );
    writeFileSync(join(dir, "_astro", "a.js"), 'import"./shared.js";');
    writeFileSync(join(dir, "_astro", "b.js"), 'import{y}from"./shared.js";export const x=y;');
    writeFileSync(join(dir, "_astro", "shared.js"), "export const y=()=>1;");
    expect(await offlinePageFiles(dir, "/report/")).toEqual([
      "offline/",
      "_astro/page.css",
      "favicon.svg",
      "_astro/a.js",
      "_astro/b.js",
      "_astro/shared.js",
    ]);
  });
});

describe("the preview server", () => {
  const dir = mkdtempSync(join(tmpdir(), "spotiflies-offline-serve-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has browsers check the worker's script on every visit, whatever the other files' caching", async () => {
    writeFileSync(join(dir, SERVICE_WORKER_FILE), "// worker");
    writeFileSync(join(dir, "index.html"), "<h1>home</h1>");
    const site = await serveSite(dir, "/report/", { cacheControl: "public, max-age=3600" });
    try {
      const worker = await fetch(`${site.url}${SERVICE_WORKER_FILE}`);
      expect(worker.headers.get("cache-control")).toBe("no-cache");
      expect(worker.headers.get("content-type")).toMatch(/^text\/javascript/);
      expect((await fetch(site.url)).headers.get("cache-control")).toBe("public, max-age=3600");
    } finally {
      await site.close();
    }
  });
});
