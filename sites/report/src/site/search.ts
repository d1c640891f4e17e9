/**
 * The report's search page: a client for the Pagefind index built with the site (integrations/search-index.ts).
 * Everything it loads comes from the site itself (the index's JavaScript, its WebAssembly and its index
 * chunks), so search works offline and asks nothing of another origin.
 */

/** What the page needs of Pagefind's JavaScript API (`pagefind/pagefind.js`). */
export interface PagefindApi {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<PagefindResult> }[] } | null>;
}

export interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: { title: string; url: string; excerpt: string }[];
}

/** At most this many pages are listed (each with its best-matching sections). */
export const MAX_RESULTS = 10;
/** At most this many sections per page. */
export const MAX_SECTIONS = 3;
/** Queries are cut to this length: no heading or sentence of the report needs more. */
export const MAX_QUERY_LENGTH = 200;

export interface SearchHit {
  title: string;
  url: string;
  excerpt: string;
  sections: { title: string; url: string; excerpt: string }[];
}

/** A page's hit as the list shows it: its title, link and excerpt, and its best sections but the page's own top. */
export function toHit(result: PagefindResult): SearchHit {
  const sections = (result.sub_results ?? [])
    .filter((s) => s.url !== result.url)
    .slice(0, MAX_SECTIONS)
    .map(({ title, url, excerpt }) => ({ title, url, excerpt }));
  return { title: result.meta.title ?? result.url, url: result.url, excerpt: result.excerpt, sections };
}

/** "3 pages match", "1 page matches", "Nothing matches …". */
export function summary(query: string, count: number): string {
  if (count === 0) return `Nothing in the report matches “${query}”.`;
  const shown = Math.min(count, MAX_RESULTS);
  const more = count > shown ? ` (the ${shown} best are listed)` : "";
  return `${count} ${count === 1 ? "page matches" : "pages match"} “${query}”${more}.`;
}

/**
 * Pagefind's excerpts are plain text from the indexed pages with the matched words wrapped in <mark>. Anything
 * else is escaped here, so an excerpt can only ever add <mark> elements to the page.
 */
export function safeExcerpt(excerpt: string): string {
  const escaped = excerpt
    .replace(/&(?!(?:amp|lt|gt|quot|#39|#x27);)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
  return escaped.replace(/&lt;mark&gt;/g, "<mark>").replace(/&lt;\/mark&gt;/g, "</mark>");
}

function hitElement(doc: Document, hit: SearchHit): HTMLLIElement {
  const item = doc.createElement("li");
  const heading = doc.createElement("h2");
  const link = doc.createElement("a");
  link.href = hit.url;
  link.textContent = hit.title;
  heading.append(link);
  const excerpt = doc.createElement("p");
  excerpt.innerHTML = safeExcerpt(hit.excerpt);
  item.append(heading, excerpt);
  if (hit.sections.length > 0) {
    const list = doc.createElement("ul");
    for (const section of hit.sections) {
      const entry = doc.createElement("li");
      const sectionLink = doc.createElement("a");
      sectionLink.href = section.url;
      sectionLink.textContent = section.title;
      const text = doc.createElement("span");
      text.innerHTML = ` — ${safeExcerpt(section.excerpt)}`;
      entry.append(sectionLink, text);
      list.append(entry);
    }
    item.append(list);
  }
  return item;
}

/**
 * Wires the search form: loads the index's JavaScript on first use, searches as the reader types (the latest
 * query wins), keeps the query in the address (?q=) so a search can be shared or reloaded, and says plainly
 * when search cannot run.
 */
export function startSearch(
  doc: Document,
  load: (url: string) => Promise<PagefindApi> = (url) => import(/* @vite-ignore */ url),
): void {
  const root = doc.querySelector<HTMLElement>("[data-search]");
  const input = root?.querySelector<HTMLInputElement>("input[type=search]");
  const status = root?.querySelector<HTMLElement>("[data-search-status]");
  const list = root?.querySelector<HTMLOListElement>("[data-search-results]");
  const win = doc.defaultView;
  if (!root || !input || !status || !list || !win) return;
  const bundle = root.dataset.bundle ?? "/pagefind/";
  const base = root.dataset.base ?? "/";
  let api: Promise<PagefindApi> | undefined;
  const pagefind = () => {
    api ??= load(`${bundle}pagefind.js`).then(async (module) => {
      await module.options({ baseUrl: base, excerptLength: 24 });
      return module;
    });
    return api;
  };
  let latest = 0;
  const run = async (raw: string) => {
    const query = raw.trim().slice(0, MAX_QUERY_LENGTH);
    const ticket = ++latest;
    const url = new URL(win.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    win.history.replaceState(null, "", url);
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    try {
      const found = await (await pagefind()).search(query);
      const hits = await Promise.all((found?.results ?? []).slice(0, MAX_RESULTS).map((r) => r.data()));
      if (ticket !== latest) return;
      list.replaceChildren(...hits.map((hit) => hitElement(doc, toHit(hit))));
      status.textContent = summary(query, found?.results.length ?? 0);
    } catch (error) {
      if (ticket !== latest) return;
      api = undefined;
      list.replaceChildren();
      status.textContent = `Search could not run: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  input.maxLength = MAX_QUERY_LENGTH;
  input.addEventListener("input", () => void run(input.value));
  root.querySelector("form")?.addEventListener("submit", (event) => {
    event.preventDefault();
    void run(input.value);
  });
  root.hidden = false;
  const initial = new URL(win.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial.slice(0, MAX_QUERY_LENGTH);
    void run(input.value);
  }
}
