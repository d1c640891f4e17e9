import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { OFFLINE_PAGE, SERVICE_WORKER_FILE } from "../offline/rules.ts";
import { serviceWorkerScript } from "../offline/script.ts";
import { normaliseBase } from "../site/base-path.ts";
import { secondsSince } from "./elapsed.ts";
import { filesBelow } from "./files-below.ts";
import { initialJs, staticImports } from "./initial-js.ts";

const STYLESHEET = /<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/gi;
const ICON = /<link\b[^>]*\brel=["']?icon["']?[^>]*>/gi;
const HREF = /\bhref=["']([^"']+)["']/i;
const INLINE_MODULE = /<script\b[^>]*\btype=["']module["'][^>]*>([\s\S]*?)<\/script>/gi;

/**
 * The build's id: a hash of every file's path and bytes (the worker's own script aside). Any change to a
 * page, the wasm or the database gives a new id, hence a new worker that drops the old build's caches;
 * an unchanged build keeps its id, so readers keep what they saved.
 */
export async function buildId(root: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await filesBelow(root)) {
    if (file === SERVICE_WORKER_FILE) continue;
    hash.update(`${file}\0`);
    hash.update(await readFile(join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * What the worker saves when it installs: the offline page and every file it loads (stylesheets, icon,
 * scripts and their static imports), as paths relative to the site's root.
 */
export async function offlinePageFiles(root: string, base: string): Promise<string[]> {
  const html = await readFile(join(root, OFFLINE_PAGE, "index.html"), "utf8");
  const local = (url: string) => (url.startsWith(base) ? url.slice(base.length) : undefined);
  const linked = [...html.matchAll(STYLESHEET), ...html.matchAll(ICON)]
    .map(([tag]) => HREF.exec(tag)?.[1])
    .map((href) => (href === undefined ? undefined : local(href)))
    .filter((path): path is string => path !== undefined);
  // Astro inlines small module scripts; what they import is followed like a script file's imports.
  const inlineImports = [...html.matchAll(INLINE_MODULE)]
    .flatMap(([, body = ""]) => staticImports(body))
    .map((specifier) => `<script type="module" src="${specifier}"></script>`)
    .join("");
  const read = (path: string) => readFile(join(root, path), "utf8");
  const scripts = (await initialJs(html + inlineImports, read, base)).files;
  return [OFFLINE_PAGE, ...new Set([...linked, ...scripts])];
}

/**
 * After `astro build`, writes the service worker (`sw.js`, at the site's root so that it controls every
 * page) for this build: reading works offline after a first visit (offline/service-worker.ts). Must come
 * after the integrations that write files into the build (the hash covers them) and before precompress.
 */
export function offline(): AstroIntegration {
  let base = "/";
  return {
    name: "spotiflies:offline",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = normaliseBase(config.base);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const started = performance.now();
        const build = await buildId(root);
        const precache = await offlinePageFiles(root, base);
        await writeFile(
          join(root, SERVICE_WORKER_FILE),
          serviceWorkerScript({ build, precache, offline: OFFLINE_PAGE }),
        );
        const seconds = secondsSince(started);
        logger.info(
          `service worker: ${SERVICE_WORKER_FILE} for build ${build}, saving ${precache.length} files on install (${seconds} s)`,
        );
      },
    },
  };
}
