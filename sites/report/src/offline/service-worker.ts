/**
 * The site's service worker (`sw.js`, written by `integrations/offline.ts`): reading works offline after a
 * first visit. It saves each page a reader opens and the files that page loads, in a cache of this build
 * only, and answers from that cache when the network fails; rules.ts says which requests and how.
 *
 * - Nothing is saved ahead of use but the offline page (the wasm and the database are 25 MB together): a
 *   page is saved when it is opened, DuckDB's files when a page starts DuckDB.
 * - It does not call `clients.claim()`: a page opened before the worker started stays with the network
 *   until the next page, so none of its downloads is taken over halfway (and tests that count what a page
 *   downloads see what a reader's first visit downloads). That first page asks the worker, once the worker
 *   is active, to save it and the files it loaded (register.ts); DuckDB's files are left to the next page
 *   that uses them rather than downloaded a second time. (Browsers match a dedicated worker to a service
 *   worker by the worker's own URL: a DuckDB worker started after this one is active goes through it and
 *   has its files saved even on that first page; one started before, as usual, does not.)
 * - A new build is a new worker (its script names the build), which takes over at once (`skipWaiting`) and
 *   deletes the caches of other builds, so no page ever mixes two builds' files for long.
 *
 * Written by hand rather than with Workbox: the whole policy is the few rules in rules.ts and the three
 * handlers below; Workbox would add a runtime and a build step for the same thing.
 *
 * The script holds `serviceWorker` as source text (`Function.prototype.toString`, see script.ts), so it must
 * stay self-contained: everything it uses comes in through its arguments.
 */
import type { CachingRule, RequestFacts } from "./rules.ts";

export interface ServiceWorkerConfig {
  /** The build's id: a hash of every file of the build (integrations/offline.ts). */
  build: string;
  /** Saved when the worker installs, relative to the site's root: the offline page and the files it loads. */
  precache: string[];
  /** The offline page, relative to the site's root. */
  offline: string;
}

/** The rules (rules.ts), passed in as values so that the script carries them. */
export interface ServiceWorkerRules {
  cachingRule: (request: RequestFacts, scope: string) => CachingRule | undefined;
  cacheable: (response: { status: number; type: string }) => boolean;
  cacheName: (scope: string, build: string) => string;
}

/** The parts of a service worker's global scope this worker uses (tests supply their own). */
export interface ServiceWorkerScope {
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  addEventListener(type: string, listener: (event: never) => void): void;
}

interface ExtendableEvent {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageEvent extends ExtendableEvent {
  data: unknown;
}

export function serviceWorker(
  config: ServiceWorkerConfig,
  rules: ServiceWorkerRules,
  worker: ServiceWorkerScope,
  cacheStorage: CacheStorage,
  network: typeof fetch,
): void {
  const scope = worker.registration.scope;
  const name = rules.cacheName(scope, config.build);
  const ours = rules.cacheName(scope, "");
  const offlineUrl = new URL(config.offline, scope).href;
  const open = () => cacheStorage.open(name);
  const facts = (request: Request) => ({
    method: request.method,
    url: request.url,
    range: request.headers.has("range"),
  });

  /** Saves a copy of `response` if it may be saved; the caller keeps the original. */
  const save = (event: ExtendableEvent, key: string, response: Response) => {
    if (!rules.cacheable(response)) return;
    const copy = response.clone();
    event.waitUntil(open().then((cache) => cache.put(key, copy)));
  };

  const cacheFirst = async (event: FetchEvent, rule: CachingRule) => {
    const saved = await (await open()).match(rule.key, { ignoreVary: true });
    if (saved) return saved;
    const response = await network(event.request);
    save(event, rule.key, response);
    return response;
  };

  const networkFirst = async (event: FetchEvent, rule: CachingRule) => {
    try {
      const response = await network(event.request);
      save(event, rule.key, response);
      return response;
    } catch (error) {
      const cache = await open();
      const saved = await cache.match(rule.key, { ignoreVary: true });
      if (saved) return saved;
      const offline =
        event.request.mode === "navigate" && (await cache.match(offlineUrl, { ignoreVary: true }));
      if (!offline) throw error;
      // The offline page's links and assets are root-relative, so it reads the same at any address.
      return new Response(offline.body, { status: 503, statusText: "Offline", headers: offline.headers });
    }
  };

  /** Saves what a page loaded before the worker was in control (from the browser's HTTP cache if it can). */
  const saveVisited = async (urls: string[]) => {
    const cache = await open();
    for (const url of new Set(urls)) {
      const rule = rules.cachingRule({ method: "GET", url, range: false }, scope);
      if (!rule || rule.kind === "database" || (await cache.match(rule.key, { ignoreVary: true }))) continue;
      try {
        const response = await network(rule.key, { cache: "force-cache", credentials: "same-origin" });
        if (rules.cacheable(response)) await cache.put(rule.key, response);
      } catch {
        // Offline already, or the file is gone: the page is then saved the next time it is opened.
      }
    }
  };

  worker.addEventListener("install", (event: ExtendableEvent) => {
    const urls = config.precache.map((path) => new URL(path, scope).href);
    event.waitUntil(
      open()
        .then((cache) => cache.addAll(urls))
        .then(() => worker.skipWaiting()),
    );
  });

  worker.addEventListener("activate", (event: ExtendableEvent) => {
    event.waitUntil(
      cacheStorage
        .keys()
        .then((names) =>
          Promise.all(
            names
              .filter((other) => other.startsWith(ours) && other !== name)
              .map((other) => cacheStorage.delete(other)),
          ),
        ),
    );
  });

  worker.addEventListener("fetch", (event: FetchEvent) => {
    const rule = rules.cachingRule(facts(event.request), scope);
    if (!rule) return;
    event.respondWith(rule.strategy === "cache-first" ? cacheFirst(event, rule) : networkFirst(event, rule));
  });

  worker.addEventListener("message", (event: MessageEvent) => {
    const data = event.data as { type?: unknown; urls?: unknown } | null;
    if (data?.type !== "save-visited" || !Array.isArray(data.urls)) return;
    event.waitUntil(saveVisited(data.urls.filter((url): url is string => typeof url === "string")));
  });
}
