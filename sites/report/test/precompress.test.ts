// The build's precompression (integrations/precompress.ts) and the servers' encoding negotiation
// (serve/encodings.ts, serve/precompressed.ts), without a build.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { BuildCache } from "../src/integrations/build-cache.ts";
import { precompressFile } from "../src/integrations/precompress.ts";
import { accepts } from "../src/serve/encodings.ts";
import { pickVariant } from "../src/serve/precompressed.ts";

const dir = mkdtempSync(join(tmpdir(), "spotiflies-precompress-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("precompressFile", () => {
  it("writes gzip and Brotli copies that decompress to the file", async () => {
    const file = join(dir, "page.html");
    const text = "<p>a repetitive page</p>\n".repeat(400);
    writeFileSync(file, text);
    const { kept, made, fromCache } = await precompressFile(file);
    expect(kept.gzip).toBeLessThan(text.length / 10);
    expect({ made, fromCache }).toEqual({ made: 2, fromCache: 0 });
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(text);
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(text);
  });

  it("leaves alone tiny files and data that does not compress", async () => {
    const tiny = join(dir, "tiny.js");
    writeFileSync(tiny, "let a = 1;");
    expect((await precompressFile(tiny)).kept).toEqual({});
    const random = join(dir, "random.wasm");
    writeFileSync(random, Buffer.from(Array.from({ length: 20_000 }, () => Math.floor(Math.random() * 256))));
    expect((await precompressFile(random)).kept).toEqual({});
    expect(existsSync(`${random}.gz`) || existsSync(`${tiny}.gz`)).toBe(false);
  });
});

describe("precompressFile with the build cache", () => {
  /** The copies as zlib makes them with the build's settings (gzip 9; Brotli 9 below 1 MB, with the size hint). */
  function expected(text: Buffer): { gz: Buffer; br: Buffer } {
    const params = { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: text.length };
    return { gz: gzipSync(text, { level: 9 }), br: brotliCompressSync(text, { params }) };
  }

  function written(file: string): { gz: Buffer; br: Buffer } {
    return { gz: readFileSync(`${file}.gz`), br: readFileSync(`${file}.br`) };
  }

  it("writes the same bytes from the cache as without it, and misses when the file changes", async () => {
    const cache = new BuildCache(mkdtempSync(join(dir, "cache-")));
    const file = join(dir, "cached.html");
    const text = Buffer.from("<p>a page written twice</p>\n".repeat(300));
    writeFileSync(file, text);
    expect(await precompressFile(file, cache)).toMatchObject({ made: 2, fromCache: 0 });
    expect(written(file)).toEqual(expected(text));
    rmSync(`${file}.gz`);
    rmSync(`${file}.br`);
    expect(await precompressFile(file, cache)).toMatchObject({ made: 2, fromCache: 2 });
    expect(written(file)).toEqual(expected(text));

    const edited = Buffer.concat([text, Buffer.from("<p>one more line</p>\n")]);
    writeFileSync(file, edited);
    expect(await precompressFile(file, cache)).toMatchObject({ made: 2, fromCache: 0 });
    expect(written(file)).toEqual(expected(edited));
  });

  it("compresses again rather than write a corrupt cached copy", async () => {
    const cacheDir = mkdtempSync(join(dir, "cache-"));
    const cache = new BuildCache(cacheDir);
    const file = join(dir, "corrupt.js");
    const text = Buffer.from("export const value = 'compressible';\n".repeat(300));
    writeFileSync(file, text);
    await precompressFile(file, cache);
    const entries = readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name);
      const stored = readFileSync(path);
      writeFileSync(
        path,
        Buffer.concat([stored.subarray(0, -1), Buffer.from([(stored.at(-1) as number) ^ 0xff])]),
      );
    }
    expect(await precompressFile(file, cache)).toMatchObject({ made: 2, fromCache: 0 });
    expect(written(file)).toEqual(expected(text));
  });
});

describe("encoding negotiation", () => {
  it("reads Accept-Encoding as browsers send it, honouring q=0", () => {
    expect(accepts("gzip, deflate, br, zstd", "br")).toBe(true);
    expect(accepts("gzip, deflate", "br")).toBe(false);
    expect(accepts("gzip;q=0.5", "gzip")).toBe(true);
    expect(accepts("br;q=0, gzip", "br")).toBe(false);
    expect(accepts("*", "gzip")).toBe(true);
    expect(accepts(undefined, "gzip")).toBe(false);
  });

  it("prefers Brotli, falls back to gzip, and needs the copy on disk", () => {
    const file = join(dir, "page.html");
    expect(pickVariant(file, "gzip, br")).toEqual({ path: `${file}.br`, encoding: "br" });
    expect(pickVariant(file, "gzip")).toEqual({ path: `${file}.gz`, encoding: "gzip" });
    expect(pickVariant(join(dir, "tiny.js"), "gzip, br")).toBeUndefined();
  });
});
