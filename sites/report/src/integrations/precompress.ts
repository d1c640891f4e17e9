import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { AstroIntegration } from "astro";
import { COMPRESSIBLE, ENCODINGS } from "../serve/encodings.ts";

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

function compress(bytes: Buffer, encoding: (typeof ENCODINGS)[number]["encoding"]): Promise<Buffer> {
  if (encoding === "gzip") return gzipAsync(bytes, { level: 9 });
  return brotliAsync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: bytes.length > LARGE ? BROTLI_LARGE_QUALITY : BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/** Writes `file.gz` and `file.br` beside `file` where they save enough; returns the bytes of each kept one. */
export async function precompressFile(file: string): Promise<Partial<Record<string, number>>> {
  const bytes = await readFile(file);
  const kept: Partial<Record<string, number>> = {};
  if (bytes.length < MIN_BYTES) return kept;
  for (const { encoding, suffix } of ENCODINGS) {
    const packed = await compress(bytes, encoding);
    if (packed.length > bytes.length * (1 - MIN_SAVING)) continue;
    await writeFile(`${file}${suffix}`, packed);
    kept[encoding] = packed.length;
  }
  return kept;
}

/**
 * After the build (and after the integrations listed before it have written their files), writes gzip
 * and Brotli copies beside every text, wasm and database file, as static hosts serve them: what the
 * preview server and the bench send is then what readers download. Must be the last integration.
 */
export function precompress(): AstroIntegration {
  return {
    name: "spotiflies:precompress",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const started = performance.now();
        let before = 0;
        let gz = 0;
        let files = 0;
        for (const file of await compressibleFiles(root)) {
          const kept = await precompressFile(file);
          if (kept.gzip === undefined) continue;
          files++;
          before += (await stat(file)).size;
          gz += kept.gzip;
          if ((await stat(file)).size > LARGE)
            logger.info(`${relative(root, file)}: gzip ${(kept.gzip / 1_048_576).toFixed(2)} MB`);
        }
        logger.info(
          `precompressed ${files} files: ${(before / 1_048_576).toFixed(1)} MB → gzip ${(gz / 1_048_576).toFixed(1)} MB ` +
            `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      },
    },
  };
}
