/**
 * Which of the site's requests the service worker (service-worker.ts) answers, and how. Kept apart from the
 * worker so that the rules can be tested on their own.
 *
 * Every function here is copied into the worker's script as source text (script.ts), so each must stay
 * self-contained: no imports, no references to anything outside its own body.
 */

/** The name of the worker's script, at the site's root so that its scope is the whole site. */
export const SERVICE_WORKER_FILE = "sw.js";
/** The page shown for a page that was never opened, when the network is down (pages/offline.astro). */
export const OFFLINE_PAGE = "offline/";

/**
 * - `network-first`: pages (and anything not listed below), so that a reader online always gets the current
 *   build; the saved copy answers only when the network fails.
 * - `cache-first`: files that cannot change within a build: Astro's hashed assets (`_astro/`), DuckDB's
 *   worker, wasm and the database (`duckdb/`), and the search index (`pagefind/`). The cache is the build's
 *   own (`cacheName`), so a new build starts from an empty one.
 */
export type Strategy = "network-first" | "cache-first";

export interface CachingRule {
  strategy: Strategy;
  /** What the file is: the worker saves the files a page loaded before it was in control, but not `database`. */
  kind: "page" | "asset" | "database" | "search";
  /**
   * The URL it is saved under: a page's query string is only read by its scripts, and the search index's is
   * a cache-buster, so both are dropped.
   */
  key: string;
}

/** What the rules look at in a request. */
export interface RequestFacts {
  method: string;
  url: string;
  /** Whether it asks for part of a file (a Range header). */
  range: boolean;
}

/**
 * How the worker answers `request`, or undefined to leave it to the browser (no caching at all): anything
 * but GET, partial requests, other origins, paths outside `scope` (the site's root URL), the worker's own
 * script, and the downloads (the cleaned table: 17 MB that a reader saves on purpose, not to read offline).
 */
export function cachingRule(request: RequestFacts, scope: string): CachingRule | undefined {
  if (request.method !== "GET" || request.range) return undefined;
  const url = new URL(request.url);
  const root = new URL(scope);
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return undefined;
  const path = url.pathname.slice(root.pathname.length);
  if (path === "sw.js" || path.startsWith("downloads/")) return undefined;
  const whole = url.href.replace(/#.*$/, "");
  const bare = `${url.origin}${url.pathname}`;
  if (path.startsWith("_astro/")) return { strategy: "cache-first", kind: "asset", key: whole };
  if (path.startsWith("duckdb/")) return { strategy: "cache-first", kind: "database", key: whole };
  // Pagefind adds `?ts=<now>` to its entry file to dodge the HTTP cache; within a build the file is fixed.
  if (path.startsWith("pagefind/")) return { strategy: "cache-first", kind: "search", key: bare };
  return { strategy: "network-first", kind: "page", key: bare };
}

/**
 * Whether a response may be saved: a complete, successful answer from the site itself. Errors, partial
 * content (206), redirects and other origins' opaque answers are passed on but never saved.
 */
export function cacheable(response: { status: number; type: string }): boolean {
  return response.status === 200 && (response.type === "basic" || response.type === "default");
}

/**
 * The cache of one build of the site at `scope`: named by both, so that sites under other paths of the same
 * origin keep theirs, and a new build of this one can delete the old build's (`cacheName(scope, "")` is the
 * prefix all of this site's caches share).
 */
export function cacheName(scope: string, build: string): string {
  return `spotiflies-report ${new URL(scope).pathname} ${build}`;
}
