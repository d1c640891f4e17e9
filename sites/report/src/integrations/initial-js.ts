import { gzipSync } from "node:zlib";

/** The JavaScript a page runs before any widget is used: its module scripts and everything they import statically. */
export interface InitialJs {
  /** Asset paths relative to the output folder, in load order; inline scripts are not files and not listed. */
  files: string[];
  bytes: number;
  /** Each file gzipped on its own, as a static host sends it, plus the inline scripts gzipped together. */
  gzipBytes: number;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const SRC = /\bsrc=["']([^"']+)["']/i;
const DATA_SCRIPT = /\btype=["']application\/(?:ld\+)?json["']/i;
/**
 * Static `import … from "x"`, `import "x"` and `export … from "x"` in (minified) ES modules. Dynamic
 * `import("x")` is deliberately not matched: that code loads only when a widget is used.
 */
const STATIC_IMPORT =
  /(?:^|[;\s})])(?:import\s*(?:[\w$*{}\s,]+?\s*from\s*)?|export\s*(?:\*|\{[^}]*\})\s*from\s*)["']([^"']+)["']/g;

/** The specifiers a module imports statically. */
export function staticImports(code: string): string[] {
  return [...code.matchAll(STATIC_IMPORT)].map((match) => match[1] ?? "").filter(Boolean);
}

/**
 * Follows a built page's scripts through their static imports. `readAsset` returns a file of the build by
 * its path relative to the output folder; `base` is the site's base path ("/" or "/sub/").
 */
export async function initialJs(
  html: string,
  readAsset: (path: string) => Promise<string>,
  base = "/",
): Promise<InitialJs> {
  const local = (url: string) => {
    const path = url.replace(/[?#].*$/, "");
    return path.startsWith(base) ? path.slice(base.length) : path.replace(/^\/+/, "");
  };
  const files: string[] = [];
  let inline = "";
  const queue: string[] = [];
  for (const [, attributes = "", body = ""] of html.matchAll(SCRIPT)) {
    if (DATA_SCRIPT.test(attributes)) continue;
    const src = SRC.exec(attributes)?.[1];
    if (src) queue.push(local(src));
    else inline += body;
  }
  let bytes = Buffer.byteLength(inline, "utf8");
  let gzipBytes = inline === "" ? 0 : gzipSync(inline).length;
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (files.includes(path)) continue;
    files.push(path);
    const code = await readAsset(path);
    bytes += Buffer.byteLength(code, "utf8");
    gzipBytes += gzipSync(code).length;
    const directory = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
    for (const specifier of staticImports(code)) {
      // Built chunks import each other by relative or base-absolute URLs; bare specifiers cannot occur.
      const resolved = specifier.startsWith("/")
        ? local(specifier)
        : new URL(specifier, `http://build/${directory}`).pathname.slice(1);
      queue.push(resolved);
    }
  }
  return { files, bytes, gzipBytes };
}
