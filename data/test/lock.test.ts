import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { datasetLockPath, readDatasetLock } from "../src/lock.ts";

describe("readDatasetLock", () => {
  it("reads data/dataset.lock.json", async () => {
    const lock = readDatasetLock();
    expect(lock).toEqual(JSON.parse(await readFile(datasetLockPath, "utf8")));
    expect(datasetLockPath.pathname.endsWith("/data/dataset.lock.json")).toBe(true);
  });

  it("pins a file by size, sha256 and an immutable revision URL", () => {
    const lock = readDatasetLock();
    expect(lock.file).toBe("dataset.csv");
    expect(lock.bytes).toBeGreaterThan(0);
    expect(Number.isInteger(lock.bytes)).toBe(true);
    expect(lock.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(lock.revision).toMatch(/^[0-9a-f]{40}$/);
    const url = new URL(lock.url);
    expect(url.protocol).toBe("https:");
    expect(url.pathname).toContain(`/${lock.revision}/`);
    expect(url.pathname.endsWith(`/${lock.file}`)).toBe(true);
  });
});
