import { type ServedResponse, type StaticSite, serveSite } from "../../src/serve/static-server.ts";

export type { ServedResponse, StaticSite };

export interface ServeOptions {
  /** A Cache-Control header for every file (none by default, so tests never see stale builds). */
  cacheControl?: string;
  /** Send the build's precompressed (gzip, Brotli) copies to clients that accept them, as static hosts do. */
  gzip?: boolean;
  onResponse?: (response: ServedResponse) => void;
}

/**
 * Serves a built site from `root` under `base` on 127.0.0.1, on a free port, with `npm run preview`'s
 * server (src/serve/static-server.ts): HEAD, byte ranges and, with `gzip`, the precompressed copies.
 */
export function serveStatic(root: string, base: string, options: ServeOptions = {}): Promise<StaticSite> {
  const { gzip = false, ...rest } = options;
  return serveSite(root, base, { ...rest, compressed: gzip });
}
