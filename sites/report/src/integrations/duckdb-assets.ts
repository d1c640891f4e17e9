import { constants, existsSync } from "node:fs";
import { copyFile, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analysisOutputDir, TRACK_IDS_DUCKDB, TRACKS_DUCKDB } from "@spotiflies/analysis/results";
import type { AstroIntegration, AstroUserConfig } from "astro";
import { normaliseBase } from "../site/base-path.ts";
import {
  DUCKDB_DIR,
  DUCKDB_FILES,
  DUCKDB_WASM,
  DUCKDB_WORKER,
  DUCKDB_WORKER_SCRIPT,
  TRACK_IDS_DATABASE,
  TRACKS_DATABASE,
  WORKER_DATABASES,
} from "../widgets/duckdb/files.ts";
import { BuildCache } from "./build-cache.ts";
import { sendFile } from "./byte-range.ts";
import { duckdbWorkerScript, slimDuckdbWasmCached } from "./duckdb-worker.ts";
import { secondsSince } from "./elapsed.ts";

type VitePlugin = NonNullable<NonNullable<AstroUserConfig["vite"]>["plugins"]>[number];

const CONTENT_TYPES: Record<string, string> = {
  [DUCKDB_WORKER]: "text/javascript; charset=utf-8",
  [DUCKDB_WORKER_SCRIPT]: "text/javascript; charset=utf-8",
  [DUCKDB_WASM]: "application/wasm",
  [TRACKS_DATABASE]: "application/octet-stream",
  [TRACK_IDS_DATABASE]: "application/octet-stream",
};

/**
 * Where each served file comes from: DuckDB-WASM's own build (its worker script, copied, and its wasm,
 * served slimmed), and the analysis's two database files. The worker the page starts is made here.
 */
export function duckdbSources(outputDir = analysisOutputDir): Record<string, string> {
  const require = createRequire(import.meta.url);
  return {
    [DUCKDB_WORKER_SCRIPT]: require.resolve(`@duckdb/duckdb-wasm/dist/${DUCKDB_WORKER_SCRIPT}`),
    [DUCKDB_WASM]: require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"),
    [TRACKS_DATABASE]: join(outputDir, TRACKS_DUCKDB),
    [TRACK_IDS_DATABASE]: join(outputDir, TRACK_IDS_DUCKDB),
  };
}

function missing(sources: Record<string, string>): string[] {
  return Object.values(sources).filter((file) => !existsSync(file));
}

function missingMessage(files: string[]): string {
  return (
    `DuckDB files for the browser widgets are missing: ${files.join(", ")}. ` +
    "Build the analysis first (`npx turbo run build --filter=@spotiflies/analysis`)."
  );
}

/** The files made rather than copied: the worker the page starts, and the slimmed wasm. */
interface MadeFiles {
  contents: Map<string, string | Uint8Array>;
  /** DuckDB's exports, before and after slimming. */
  exports: { before: number; after: number };
  /** Whether the slimmed wasm came from the build cache. */
  fromCache: boolean;
}

async function makeFiles(sources: Record<string, string>, cache: BuildCache): Promise<MadeFiles> {
  const [script, wasm] = await Promise.all([
    readFile(sources[DUCKDB_WORKER_SCRIPT] as string, "utf8"),
    readFile(sources[DUCKDB_WASM] as string),
  ]);
  const slim = await slimDuckdbWasmCached(wasm, script, cache);
  const worker = duckdbWorkerScript({
    wasm: DUCKDB_WASM,
    script: DUCKDB_WORKER_SCRIPT,
    databases: WORKER_DATABASES,
  });
  return {
    contents: new Map<string, string | Uint8Array>([
      [DUCKDB_WORKER, worker],
      [DUCKDB_WASM, slim.wasm],
    ]),
    exports: slim.exports,
    fromCache: slim.fromCache,
  };
}

/**
 * `astro dev` serves the files straight from their sources (the made ones made once, on first request),
 * answering HEAD and Range as static hosts do.
 */
function devServer(base: () => string, sources: Record<string, string>, cache: BuildCache): VitePlugin {
  let made: Promise<MadeFiles> | undefined;
  return {
    name: "spotiflies:duckdb-assets-dev",
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const { pathname } = new URL(request.url ?? "/", "http://localhost");
        const prefix = `${base()}${DUCKDB_DIR}/`;
        const name = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : undefined;
        if ((name === DUCKDB_WORKER || name === DUCKDB_WASM) && missing(sources).length === 0) {
          made ??= makeFiles(sources, cache);
          made.then(
            ({ contents }) =>
              response
                .writeHead(200, { "Content-Type": CONTENT_TYPES[name] as string })
                .end(contents.get(name)),
            next,
          );
          return;
        }
        const file = name === undefined ? undefined : sources[name];
        if (!name || !file || !existsSync(file)) {
          next();
          return;
        }
        sendFile(request, response, file, {
          "Content-Type": CONTENT_TYPES[name] ?? "application/octet-stream",
        }).catch(next);
      });
    },
  };
}

/**
 * Serves DuckDB-WASM and the tracks database from the site's own origin, under `${base}duckdb/`: copies
 * the eh bundle's worker script and the analysis's `tracks.duckdb` and `track-ids.duckdb` into the build, writes the eh wasm
 * slimmed and the worker the page starts (the site's prelude), and serves them all in `astro dev`. The
 * build fails if one is missing rather than shipping widgets that cannot start.
 */
export function duckdbAssets(sources = duckdbSources(), cache = new BuildCache()): AstroIntegration {
  let base = "/";
  return {
    name: "spotiflies:duckdb-assets",
    hooks: {
      "astro:config:setup": ({ command, updateConfig }) => {
        if (command === "dev") updateConfig({ vite: { plugins: [devServer(() => base, sources, cache)] } });
      },
      "astro:config:done": ({ config }) => {
        base = normaliseBase(config.base);
      },
      "astro:server:start": ({ logger }) => {
        const absent = missing(sources);
        if (absent.length > 0) logger.warn(missingMessage(absent));
      },
      "astro:build:done": async ({ dir, logger }) => {
        const absent = missing(sources);
        if (absent.length > 0) throw new Error(missingMessage(absent));
        const started = performance.now();
        const target = join(fileURLToPath(dir), DUCKDB_DIR);
        await mkdir(target, { recursive: true });
        const lines: string[] = [];
        const made = await makeFiles(sources, cache);
        for (const name of DUCKDB_FILES) {
          const output = join(target, name);
          const contents = made.contents.get(name);
          if (contents !== undefined) await writeFile(output, contents);
          // A copy-on-write clone where the file system offers one; the database files are 7 and 3 MB.
          else await copyFile(sources[name] as string, output, constants.COPYFILE_FICLONE);
          lines.push(
            `${`${DUCKDB_DIR}/${name}`.padEnd(36)} ${((await stat(output)).size / 1_048_576).toFixed(1)} MB`,
          );
        }
        const { before, after } = made.exports;
        lines.push(
          `(the wasm exports ${after.toLocaleString("en")} of DuckDB's ${before.toLocaleString("en")} symbols; ` +
            `${made.fromCache ? "slimmed wasm from the build cache" : "slimmed now"})`,
        );
        const seconds = secondsSince(started);
        logger.info(`DuckDB files for the widgets (${seconds} s)\n${lines.join("\n")}`);
      },
    },
  };
}
