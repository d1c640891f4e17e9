export interface PageWeight {
  /** Bytes of the HTML document itself (inline styles and scripts included). */
  html: number;
  /** Bytes of JavaScript the page runs: inline scripts plus external script files. */
  js: number;
  /** Bytes of CSS the page applies: inline style elements plus linked stylesheets. */
  css: number;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const STYLESHEET = /<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/gi;
const SRC = /\bsrc=["']([^"']+)["']/i;
const HREF = /\bhref=["']([^"']+)["']/i;
const DATA_SCRIPT = /\btype=["']application\/(?:ld\+)?json["']/i;

/**
 * Weighs one built page. `assetSize` returns the size of a file the page links to, given its path
 * relative to the output folder (the site base is stripped by the caller's resolver).
 */
export async function measurePage(
  html: string,
  htmlBytes: number,
  assetSize: (path: string) => Promise<number>,
  base = "/",
): Promise<PageWeight> {
  const bytes = (text: string) => Buffer.byteLength(text, "utf8");
  const local = (url: string) => {
    const path = url.replace(/[?#].*$/, "");
    return path.startsWith(base) ? path.slice(base.length) : path.replace(/^\/+/, "");
  };
  let js = 0;
  for (const [, attributes = "", body = ""] of html.matchAll(SCRIPT)) {
    if (DATA_SCRIPT.test(attributes)) continue;
    const src = SRC.exec(attributes)?.[1];
    js += src ? await assetSize(local(src)) : bytes(body);
  }
  let css = 0;
  for (const [, body = ""] of html.matchAll(STYLE)) css += bytes(body);
  for (const [tag] of html.matchAll(STYLESHEET)) {
    const href = HREF.exec(tag)?.[1];
    if (href) css += await assetSize(local(href));
  }
  return { html: htmlBytes, js, css };
}
