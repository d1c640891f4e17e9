/**
 * A content-addressed store for bytes the build derives from other bytes and would otherwise make again
 * on every build (the gzip and Brotli copies, the slimmed DuckDB wasm): after a one-chapter edit nearly
 * all of them come from unchanged inputs, and making them costs most of the integrations' time.
 *
 * An entry's key is a SHA-256 over everything its bytes depend on (the input bytes, the settings, the
 * version of the code or library that makes them), so a changed input simply misses: nothing is ever
 * invalidated by hand. An entry is stored with the SHA-256 of its own bytes, checked on every read, so a
 * truncated or corrupt file is not served but made again and overwritten. Entries are written to a
 * temporary file and renamed, so a build killed mid-write leaves no half entry under a key.
 *
 * The folder sits under the site's node_modules/.cache (git-ignored, not a turbo output, dropped by
 * `npm ci`): it only makes a build faster, never different. Entries unused for PRUNE_AFTER_MS are removed
 * by `prune`, so the folder does not grow with every edit.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The site's build cache: sites/report/node_modules/.cache/spotiflies-build/. */
export const DEFAULT_CACHE_DIR = fileURLToPath(
  new URL("../../node_modules/.cache/spotiflies-build/", import.meta.url),
);

/** Entries not read or written for this long are removed by `prune`. */
export const PRUNE_AFTER_MS = 14 * 24 * 3600 * 1000;

const DIGEST_BYTES = 32;

/** One part of a key: text (settings, versions) or bytes (an input file). */
export type KeyPart = string | Uint8Array;

/** A SHA-256 over the parts, each framed by its kind and length so that no two lists of parts collide. */
export function cacheKey(parts: readonly KeyPart[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
    hash.update(`${typeof part === "string" ? "s" : "b"}${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

function sha256(bytes: Uint8Array): Buffer {
  return createHash("sha256").update(bytes).digest();
}

export class BuildCache {
  /** The first entry that could not be stored (a full disk, a read-only folder): the build goes on without it. */
  writeError: Error | undefined;

  constructor(readonly dir: string = DEFAULT_CACHE_DIR) {}

  private path(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a build-cache key: ${key}`);
    return join(this.dir, key.slice(0, 2), key);
  }

  /** The bytes stored under `key`, or undefined when there are none or they fail their check. */
  async get(key: string): Promise<Buffer | undefined> {
    const file = this.path(key);
    let stored: Buffer;
    try {
      stored = await readFile(file);
    } catch {
      return undefined;
    }
    const bytes = stored.subarray(DIGEST_BYTES);
    if (stored.length < DIGEST_BYTES || !sha256(bytes).equals(stored.subarray(0, DIGEST_BYTES)))
      return undefined;
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return bytes;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.path(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, Buffer.concat([sha256(bytes), bytes]));
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** The bytes under the key made from `parts`, made by `make` and stored when absent or corrupt. */
  async getOrMake(
    parts: readonly KeyPart[],
    make: () => Promise<Uint8Array>,
  ): Promise<{ bytes: Uint8Array; hit: boolean }> {
    const key = cacheKey(parts);
    const cached = await this.get(key);
    if (cached !== undefined) return { bytes: cached, hit: true };
    const bytes = await make();
    // The cache only makes builds faster: failing to store an entry must not fail the build.
    await this.put(key, bytes).catch((error: Error) => {
      this.writeError ??= error;
    });
    return { bytes, hit: false };
  }

  /** Removes the entries (and leftover temporary files) not used since `now - maxAgeMs`; returns how many. */
  async prune(maxAgeMs = PRUNE_AFTER_MS, now = Date.now()): Promise<number> {
    let entries: string[];
    try {
      entries = await readdir(this.dir, { recursive: true });
    } catch {
      return 0;
    }
    let removed = 0;
    for (const entry of entries) {
      const file = join(this.dir, entry);
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile() && now - info.mtimeMs > maxAgeMs) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
