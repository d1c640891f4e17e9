import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { AstroIntegration } from "astro";
import { COMPRESSIBLE, ENCODINGS, type Encoding } from "../serve/encodings.ts";
import { BuildCache, type KeyPart } from "./build-cache.ts";
import { secondsSince } from "./elapsed.ts";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Below this, compression saves less than a packet's worth; hosts leave such files alone too. */
const MIN_BYTES = 1024;
/** A variant is kept only if it saves at least this share (already-compressed data gains nothing). */
const MIN_SAVING = 0.1;
/**
 * Brotli's quality against build time, measured on 2 cores: on the 16 MB wasm quality 9 gives 5.17 MB
 * in 3.3 s and quality 5 gives 5.38 MB in 0.7 s (gzip: 6.72 MB); on the database 8.31 MB in 2.8 s against
 * 8.44 MB in 0.4 s. Quality 11 on the pages costs seconds each for a per cent or two, so smaller files
 * get 9.
 */
const BROTLI_LARGE_QUALITY = 5;
const BROTLI_QUALITY = 9;
const LARGE = 1_048_576;

/** Every file under `dir` that a static host would compress, by extension. */
async function compressibleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && COMPRESSIBLE.has(extname(entry.name)))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** How `encoding` compresses `bytes`: everything that decides the output but the library's version. */
function settings(
  bytes: Uint8Array,
  encoding: Encoding,
): { level: number } | { quality: number; sizeHint: number } {
  if (encoding === "gzip") return { level: 9 };
  return { quality: bytes.length > LARGE ? BROTLI_LARGE_QUALITY : BROTLI_QUALITY, sizeHint: bytes.length };
}

function compress(bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  const chosen = settings(bytes, encoding);
  if ("level" in chosen) return gzipAsync(bytes, { level: chosen.level });
  return brotliAsync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: chosen.quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: chosen.sizeHint,
    },
  });
}

/** The build-cache key of `bytes` (whose SHA-256 is `digest`) compressed as `encoding`, with the settings and zlib's and Brotli's versions. */
function copyKey(bytes: Uint8Array, digest: string, encoding: Encoding): KeyPart[] {
  const { zlib, brotli } = process.versions;
  return ["precompress", JSON.stringify({ encoding, ...settings(bytes, encoding), zlib, brotli }), digest];
}

/** What `precompressFile` wrote: the bytes of each kept copy; how many copies it made, and how many came from the cache. */
export interface Precompressed {
  kept: Partial<Record<Encoding, number>>;
  made: number;
  fromCache: number;
}

/**
 * Writes `file.gz` and `file.br` beside `file` where they save enough. With a cache, a copy of bytes
 * compressed before with the same settings and library is taken from it (byte-identical by its key).
 */
export async function precompressFile(file: string, cache?: BuildCache): Promise<Precompressed> {
  const bytes = await readFile(file);
  const result: Precompressed = { kept: {}, made: 0, fromCache: 0 };
  if (bytes.length < MIN_BYTES) return result;
  // The input's SHA-256 once for both keys (hashing the 26 MB wasm twice would cost more than a lookup).
  const digest = cache === undefined ? "" : createHash("sha256").update(bytes).digest("hex");
  // Both encodings at once: zlib runs off the main thread, so two cores compress in parallel.
  const packed = await Promise.all(
    ENCODINGS.map(async ({ encoding }) => {
      result.made++;
      if (cache === undefined) return compress(bytes, encoding);
      const made = await cache.getOrMake(copyKey(bytes, digest, encoding), () => compress(bytes, encoding));
      if (made.hit) result.fromCache++;
      return made.bytes;
    }),
  );
  for (const [index, { encoding, suffix }] of ENCODINGS.entries()) {
    const copy = packed[index] as Uint8Array;
    if (copy.length > bytes.length * (1 - MIN_SAVING)) continue;
    await writeFile(`${file}${suffix}`, copy);
    result.kept[encoding] = copy.length;
  }
  return result;
}

/**
 * After the build (and after the integrations listed before it have written their files), writes gzip
 * and Brotli copies beside every text, wasm and database file, as static hosts serve them: what the
 * preview server and the bench send is then what readers download. Must be the last integration.
 */
export function precompress(cache = new BuildCache()): AstroIntegration {
  return {
    name: "spotiflies:precompress",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const started = performance.now();
        let before = 0;
        let gz = 0;
        let files = 0;
        let made = 0;
        let fromCache = 0;
        for (const file of await compressibleFiles(root)) {
          const result = await precompressFile(file, cache);
          const { kept } = result;
          made += result.made;
          fromCache += result.fromCache;
          if (kept.gzip === undefined) continue;
          files++;
          before += (await stat(file)).size;
          gz += kept.gzip;
          if ((await stat(file)).size > LARGE)
            logger.info(`${relative(root, file)}: gzip ${(kept.gzip / 1_048_576).toFixed(2)} MB`);
        }
        logger.info(
          `precompressed ${files} files: ${(before / 1_048_576).toFixed(1)} MB → gzip ${(gz / 1_048_576).toFixed(1)} MB ` +
            `in ${secondsSince(started)} s (${fromCache} of ${made} copies ` +
            "from the build cache)",
        );
        if (cache.writeError)
          logger.warn(`the build cache in ${cache.dir} could not be written: ${cache.writeError.message}`);
        const pruned = await cache.prune();
        if (pruned > 0) logger.info(`build cache: removed ${pruned} entries unused for two weeks`);
      },
    },
  };
}
