import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { sendFile } from "../../src/integrations/byte-range.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
};

/** Text and WebAssembly are sent gzipped when `gzip` is on; the database file, read in ranges, never is. */
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".json", ".csv", ".svg", ".wasm"]);

export interface StaticSite {
  /** The site's root URL, base path included, e.g. http://127.0.0.1:41234/report/. */
  url: string;
  close: () => Promise<void>;
}

/** One answered request, as `onResponse` reports it. */
export interface ServedResponse {
  method: string;
  /** The request path, base included. */
  path: string;
  status: number;
  /** Body bytes sent (after compression): what went over the wire, less headers. */
  bytes: number;
}

export interface ServeOptions {
  /** A Cache-Control header for every file (none by default, so tests never see stale builds). */
  cacheControl?: string;
  /** Gzip text and wasm for clients that accept it, as static hosts do (compressed once, kept in memory). */
  gzip?: boolean;
  onResponse?: (response: ServedResponse) => void;
}

/** Resolves a request path under `base` to a file in `root` (directories serve their index.html). */
async function resolveFile(root: string, base: string, pathname: string): Promise<string | undefined> {
  if (!pathname.startsWith(base)) return undefined;
  const relative = normalize(decodeURIComponent(pathname.slice(base.length))).replace(/^(\.\.(\/|$))+/, "");
  let file = join(root, relative);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    await stat(file);
    return file;
  } catch {
    return undefined;
  }
}

/**
 * Serves a built site from `root` under `base` on 127.0.0.1, on a free port. Like a production static
 * host it answers HEAD and byte-range requests (what DuckDB-WASM needs whenever it reads a file in pieces).
 */
export async function serveStatic(
  root: string,
  base: string,
  options: ServeOptions = {},
): Promise<StaticSite> {
  const gzipped = new Map<string, Promise<Buffer>>();
  const server: Server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    let sent = 0;
    if (options.onResponse) {
      const report = options.onResponse;
      response.on("finish", () =>
        report({ method: request.method ?? "GET", path: pathname, status: response.statusCode, bytes: sent }),
      );
    }
    const file = await resolveFile(root, base, pathname);
    if (!file) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    const headers: Record<string, string> = {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      ...(options.cacheControl ? { "Cache-Control": options.cacheControl } : {}),
    };
    const acceptsGzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    if (options.gzip && acceptsGzip && !request.headers.range && COMPRESSIBLE.has(extname(file))) {
      let body = gzipped.get(file);
      if (!body) {
        body = readFile(file).then((bytes) => gzipSync(bytes));
        gzipped.set(file, body);
      }
      const bytes = await body;
      response.writeHead(200, {
        ...headers,
        "Content-Encoding": "gzip",
        "Content-Length": String(bytes.length),
        Vary: "Accept-Encoding",
      });
      if (request.method === "HEAD") response.end();
      else {
        sent = bytes.length;
        response.end(bytes);
      }
      return;
    }
    sent = await sendFile(request, response, file, headers);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
