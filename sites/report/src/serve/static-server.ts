import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";
import { sendFile } from "../integrations/byte-range.ts";
import { SERVICE_WORKER_FILE } from "../offline/rules.ts";
import { contentType } from "./encodings.ts";
import { sendPrecompressed } from "./precompressed.ts";

/** One answered request, as `onResponse` reports it. */
export interface ServedResponse {
  method: string;
  /** The request path, base included. */
  path: string;
  status: number;
  /** Body bytes sent (compressed where sent so): what went over the wire, less headers. */
  bytes: number;
  /** The Content-Encoding sent, if any. */
  encoding: string | undefined;
  /** When the request arrived (ms since the epoch, as `Date.now()`). */
  receivedAt: number;
}

export interface ServeOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** A Cache-Control header for every file (none by default, so tests never see stale builds). */
  cacheControl?: string;
  /** Send the build's precompressed copies to clients that accept them (default); off, files go as they are. */
  compressed?: boolean;
  onResponse?: (response: ServedResponse) => void;
}

export interface StaticSite {
  /** The site's root URL, base path included, e.g. http://127.0.0.1:41234/report/. */
  url: string;
  server: Server;
  close: () => Promise<void>;
}

/** Resolves a request path under `base` to a file in `root` (directories serve their index.html). */
async function resolveFile(root: string, base: string, pathname: string): Promise<string | undefined> {
  if (!pathname.startsWith(base)) return undefined;
  const relative = normalize(decodeURIComponent(pathname.slice(base.length))).replace(/^(\.\.(\/|$))+/, "");
  let file = join(root, relative);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    if (!(await stat(file)).isFile()) return undefined;
    return file;
  } catch {
    return undefined;
  }
}

/**
 * Serves a built site from `root` under `base` the way a production static host does: the precompressed
 * copies the build wrote (Brotli or gzip, by Accept-Encoding), HEAD, and byte ranges (which DuckDB-WASM
 * needs whenever it reads a file in pieces). Used by `npm run preview`, the tests and the bench.
 */
export async function serveSite(root: string, base: string, options: ServeOptions = {}): Promise<StaticSite> {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    const receivedAt = Date.now();
    let sent = 0;
    let encoding: string | undefined;
    if (options.onResponse) {
      const report = options.onResponse;
      response.on("finish", () =>
        report({
          method: request.method ?? "GET",
          path: pathname,
          status: response.statusCode,
          bytes: sent,
          encoding,
          receivedAt,
        }),
      );
    }
    const file = await resolveFile(root, base, pathname);
    if (!file) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    const headers: Record<string, string> = options.cacheControl
      ? { "Cache-Control": options.cacheControl }
      : {};
    // The service worker's script is always checked with the server, whatever the other files get, so
    // that a new build's worker reaches readers on their next visit (hosts: set the same for sw.js).
    if (pathname === `${base}${SERVICE_WORKER_FILE}`) headers["Cache-Control"] = "no-cache";
    try {
      if (options.compressed === false)
        sent = await sendFile(request, response, file, { "Content-Type": contentType(file), ...headers });
      else ({ bytes: sent, encoding } = await sendPrecompressed(request, response, file, headers));
    } catch {
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    }
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}${base}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
