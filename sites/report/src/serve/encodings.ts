/**
 * Which files the site serves compressed and how, shared by the build step that writes the compressed
 * copies (integrations/precompress.ts) and the servers that send them (serve/precompressed.ts), so the
 * two cannot drift apart.
 */
import { extname } from "node:path";

/** Content types by extension, as a static host sends them (the database is opaque bytes). */
export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".duckdb": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".gz": "application/gzip",
  ".parquet": "application/vnd.apache.parquet",
};

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
}

/** Extensions worth compressing: text, WebAssembly and the DuckDB file (pagefind's files are gzipped already). */
export const COMPRESSIBLE = new Set([
  ".html",
  ".css",
  ".js",
  ".mjs",
  ".json",
  ".csv",
  ".txt",
  ".xml",
  ".svg",
  ".wasm",
  ".duckdb",
]);

/** The encodings written beside each file, best first: a client that accepts Brotli gets it. */
export const ENCODINGS = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

export type Encoding = (typeof ENCODINGS)[number]["encoding"];

/** Whether an Accept-Encoding header allows `encoding` (a `;q=0` refuses it). */
export function accepts(header: string | undefined, encoding: Encoding): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return (name.trim() === encoding || name.trim() === "*") && (q === undefined || Number(q.slice(2)) > 0);
  });
}
