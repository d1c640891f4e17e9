import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { replaceDirectoryAtomically } from "../src/output/atomic-dir.ts";
import { fixtureDir } from "./support/fixture.ts";

describe("replaceDirectoryAtomically", () => {
  const fixtures: ReturnType<typeof fixtureDir>[] = [];
  afterEach(() => {
    for (const f of fixtures.splice(0)) f.cleanup();
  });
  const parent = () => {
    const f = fixtureDir();
    fixtures.push(f);
    return f.dir;
  };

  it("creates the directory with what fill wrote, leaving nothing else beside it", async () => {
    const root = parent();
    const target = join(root, "output");
    await replaceDirectoryAtomically(target, async (staging) => writeFileSync(join(staging, "a.json"), "1"));
    expect(readFileSync(join(target, "a.json"), "utf8")).toBe("1");
    expect(readdirSync(root)).toEqual(["output"]);
  });

  it("replaces previous contents entirely on success", async () => {
    const root = parent();
    const target = join(root, "output");
    await replaceDirectoryAtomically(target, async (staging) =>
      writeFileSync(join(staging, "old.json"), "old"),
    );
    await replaceDirectoryAtomically(target, async (staging) =>
      writeFileSync(join(staging, "new.json"), "new"),
    );
    expect(readdirSync(target)).toEqual(["new.json"]);
    expect(readdirSync(root)).toEqual(["output"]);
  });

  it("leaves the previous outputs untouched and no partial directory when fill fails", async () => {
    const root = parent();
    const target = join(root, "output");
    await replaceDirectoryAtomically(target, async (staging) =>
      writeFileSync(join(staging, "good.json"), "good"),
    );
    await expect(
      replaceDirectoryAtomically(target, async (staging) => {
        writeFileSync(join(staging, "half.json"), "half");
        throw new Error("stage failed");
      }),
    ).rejects.toThrow("stage failed");
    expect(readdirSync(target)).toEqual(["good.json"]);
    expect(readdirSync(root)).toEqual(["output"]);
    expect(existsSync(join(target, "half.json"))).toBe(false);
  });
});
