/**
 * The offline page's list of the pages saved on this device (the ones a reader can open without a
 * network), read from the service worker's caches, with their titles.
 */
import { cacheName, cachingRule } from "./rules.ts";

export interface SavedPage {
  url: string;
  title: string;
}

/** The pages in this site's caches, by title; none where the browser has no Cache Storage. */
export async function savedPages(scope: string): Promise<SavedPage[]> {
  if (typeof caches === "undefined") return [];
  const prefix = cacheName(scope, "");
  const pages = new Map<string, string>();
  for (const name of await caches.keys()) {
    if (!name.startsWith(prefix)) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const rule = cachingRule({ method: "GET", url: request.url, range: false }, scope);
      const response = await cache.match(request);
      if (rule?.kind !== "page" || !response?.headers.get("content-type")?.startsWith("text/html")) continue;
      if (new URL(request.url).pathname.endsWith("/offline/")) continue;
      const html = await response.text();
      const title = new DOMParser().parseFromString(html, "text/html").title;
      pages.set(request.url, title || new URL(request.url).pathname);
    }
  }
  return [...pages]
    .map(([url, title]) => ({ url, title }))
    .sort((a, b) => a.title.localeCompare(b.title, "en"));
}

/** Fills the list `list` (and shows it) with the saved pages; leaves it hidden if there are none. */
export async function showSavedPages(list: HTMLElement, scope: string): Promise<void> {
  const pages = await savedPages(scope).catch(() => []);
  for (const page of pages) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.title;
    item.append(link);
    list.append(item);
  }
  list.closest<HTMLElement>("[data-saved]")?.toggleAttribute("hidden", pages.length === 0);
}
