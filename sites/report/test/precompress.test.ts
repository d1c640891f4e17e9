// The build's precompression (integrations/precompress.ts) and the servers' encoding negotiation
// (serve/encodings.ts, serve/precompressed.ts), without a build.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
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
    const kept = await precompressFile(file);
    expect(kept.gzip).toBeLessThan(text.length / 10);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(text);
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(text);
  });

  it("leaves alone tiny files and data that does not compress", async () => {
    const tiny = join(dir, "tiny.js");
    writeFileSync(tiny, "let a = 1;");
    expect(await precompressFile(tiny)).toEqual({});
    const random = join(dir, "random.wasm");
    writeFileSync(random, Buffer.from(Array.from({ length: 20_000 }, () => Math.floor(Math.random() * 256))));
    expect(await precompressFile(random)).toEqual({});
    expect(existsSync(`${random}.gz`) || existsSync(`${tiny}.gz`)).toBe(false);
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
