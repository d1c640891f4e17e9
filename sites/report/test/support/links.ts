import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { linkedUrls, parsePage } from "./html.ts";

const ORIGIN = "http://site.test";

/** Resolves a URL found on `page` to a file of the build and the fragment it points at; undefined if external. */
function target(
  outDir: string,
  base: string,
  page: string,
  url: string,
): { file: string; fragment: string } | undefined {
  const resolved = new URL(url, `${ORIGIN}${base}${page.replace(/index\.html$/, "")}`);
  if (resolved.origin !== ORIGIN) return undefined;
  if (!resolved.pathname.startsWith(base)) return { file: "", fragment: "" };
  let file = join(outDir, decodeURIComponent(resolved.pathname.slice(base.length)));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  return { file, fragment: decodeURIComponent(resolved.hash.slice(1)) };
}

/**
 * Checks every href and src of the given pages of a build served under `base`: each internal one must name a
 * file of the build, and a fragment must name an element id on the target page. Returns the broken ones.
 */
export function brokenLinks(outDir: string, base: string, pages: string[]): string[] {
  const broken: string[] = [];
  const documents = new Map<string, Document>();
  const load = (file: string) => {
    let document = documents.get(file);
    if (!document) {
      document = parsePage(readFileSync(file, "utf8"));
      documents.set(file, document);
    }
    return document;
  };
  for (const page of pages) {
    for (const url of linkedUrls(load(join(outDir, page)))) {
      const resolved = target(outDir, base, page, url);
      if (!resolved) continue;
      if (resolved.file === "" || !existsSync(resolved.file)) {
        broken.push(`${page}: ${url}`);
      } else if (
        resolved.fragment &&
        resolved.file.endsWith(".html") &&
        !load(resolved.file).getElementById(resolved.fragment)
      ) {
        broken.push(`${page}: ${url} (no element #${resolved.fragment})`);
      }
    }
  }
  return broken;
}
