// The content-addressed build cache (integrations/build-cache.ts), on a temporary folder.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BuildCache, cacheKey } from "../src/integrations/build-cache.ts";

const root = mkdtempSync(join(tmpdir(), "spotiflies-build-cache-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A maker that counts its calls and returns `bytes`. */
function counted(bytes: Uint8Array) {
  const maker = {
    calls: 0,
    make: async () => {
      maker.calls++;
      return bytes;
    },
  };
  return maker;
}

/** The one entry file under `dir` (entries sit in folders named by their key's first two digits). */
function entryFile(dir: string): string {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  expect(files).toHaveLength(1);
  return join((files[0] as (typeof files)[number]).parentPath, (files[0] as (typeof files)[number]).name);
}

describe("cacheKey", () => {
  it("is the SHA-256 of the framed parts, and no two lists of parts that differ share it", () => {
    const hand = createHash("sha256")
      .update("s2:ab")
      .update("b3:")
      .update(Buffer.from([1, 2, 3]))
      .digest("hex");
    expect(cacheKey(["ab", new Uint8Array([1, 2, 3])])).toBe(hand);
    const keys = [
      cacheKey(["ab", "c"]),
      cacheKey(["a", "bc"]),
      cacheKey(["abc"]),
      cacheKey([Buffer.from("abc")]),
      cacheKey(["abc", ""]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("BuildCache", () => {
  it("makes bytes once: a second lookup with the same parts returns identical bytes without making them", async () => {
    const cache = new BuildCache(mkdtempSync(join(root, "hit-")));
    const bytes = new Uint8Array(Array.from({ length: 5000 }, (_, index) => (index * 7) % 256));
    const maker = counted(bytes);
    const first = await cache.getOrMake(["kind", bytes], maker.make);
    const second = await cache.getOrMake(["kind", new Uint8Array(bytes)], maker.make);
    expect(first.hit).toBe(false);
    expect(second.hit).toBe(true);
    expect(maker.calls).toBe(1);
    expect(Buffer.from(second.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it("misses when any part changes: an input byte or a setting", async () => {
    const cache = new BuildCache(mkdtempSync(join(root, "miss-")));
    const maker = counted(new Uint8Array([9]));
    await cache.getOrMake(["kind", "level 9", new Uint8Array([1, 2, 3])], maker.make);
    expect((await cache.getOrMake(["kind", "level 9", new Uint8Array([1, 2, 4])], maker.make)).hit).toBe(
      false,
    );
    expect((await cache.getOrMake(["kind", "level 8", new Uint8Array([1, 2, 3])], maker.make)).hit).toBe(
      false,
    );
    expect(maker.calls).toBe(3);
  });

  it("does not serve a corrupt or truncated entry: it makes the bytes again and overwrites it", async () => {
    for (const damage of [
      (stored: Buffer) =>
        Buffer.concat([stored.subarray(0, stored.length - 1), Buffer.from([(stored.at(-1) as number) ^ 1])]),
      (stored: Buffer) => stored.subarray(0, stored.length - 10),
      (stored: Buffer) => stored.subarray(0, 5),
      () => Buffer.alloc(0),
    ]) {
      const dir = mkdtempSync(join(root, "corrupt-"));
      const cache = new BuildCache(dir);
      const bytes = Buffer.from("the bytes the build made ".repeat(20));
      const maker = counted(bytes);
      await cache.getOrMake(["kind"], maker.make);
      const file = entryFile(dir);
      writeFileSync(file, damage(readFileSync(file)));
      expect(await cache.get(cacheKey(["kind"]))).toBeUndefined();
      const again = await cache.getOrMake(["kind"], maker.make);
      expect(again.hit).toBe(false);
      expect(maker.calls).toBe(2);
      expect(Buffer.from(again.bytes).equals(bytes)).toBe(true);
      const reread = await cache.getOrMake(["kind"], maker.make);
      expect(reread.hit).toBe(true);
      expect(Buffer.from(reread.bytes).equals(bytes)).toBe(true);
    }
  });

  it("still returns the bytes when the folder cannot be written, and keeps the error", async () => {
    const blocked = join(mkdtempSync(join(root, "blocked-")), "a-file");
    writeFileSync(blocked, "a file where the cache's folder would be");
    const cache = new BuildCache(blocked);
    const made = await cache.getOrMake(["kind"], async () => new Uint8Array([4, 5, 6]));
    expect(made).toEqual({ bytes: new Uint8Array([4, 5, 6]), hit: false });
    expect(cache.writeError?.message).toMatch(/ENOTDIR|EEXIST/);
  });

  it("leaves no entry when making the bytes fails", async () => {
    const dir = mkdtempSync(join(root, "fails-"));
    const cache = new BuildCache(dir);
    await expect(
      cache.getOrMake(["kind"], async () => {
        throw new Error("the maker failed");
      }),
    ).rejects.toThrow("the maker failed");
    expect(readdirSync(dir, { recursive: true })).toEqual([]);
  });

  it("prunes entries unused for longer than the given age, and keeps one just read", async () => {
    const dir = mkdtempSync(join(root, "prune-"));
    const cache = new BuildCache(dir);
    await cache.put(cacheKey(["old"]), new Uint8Array([1]));
    await cache.put(cacheKey(["read"]), new Uint8Array([2]));
    const day = 24 * 3600 * 1000;
    const monthAgo = new Date(Date.now() - 30 * day);
    for (const name of ["old", "read"]) {
      const key = cacheKey([name]);
      utimesSync(join(dir, key.slice(0, 2), key), monthAgo, monthAgo);
    }
    expect(await cache.get(cacheKey(["read"]))).toBeDefined();
    expect(await cache.prune(14 * day)).toBe(1);
    const old = cacheKey(["old"]);
    expect(existsSync(join(dir, old.slice(0, 2), old))).toBe(false);
    expect(await cache.get(cacheKey(["read"]))).toEqual(Buffer.from([2]));
  });
});
