import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { removeStaleWorkFolders, replaceDirectoryAtomically } from "../src/output/atomic-dir.ts";
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

  it("removes its staging folder when interrupted, and the process still ends as the signal asks", async () => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      const root = parent();
      const target = join(root, "output");
      await replaceDirectoryAtomically(target, async (staging) =>
        writeFileSync(join(staging, "good.json"), "good"),
      );
      const script = fileURLToPath(new URL("./support/interrupted-fill.ts", import.meta.url));
      const child = spawn(process.execPath, ["--import", "tsx", script, target], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      const staging = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          const match = /filling (.+)/.exec(chunk.toString());
          if (match?.[1]) resolve(match[1].trim());
        });
        child.on("exit", (code) => reject(new Error(`the child ended early (${code})`)));
      });
      expect(existsSync(join(staging, "half.json"))).toBe(true);
      const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_, s) => resolve(s)));
      child.kill(signal);
      expect(await ended).toBe(signal);
      expect(readdirSync(root)).toEqual(["output"]);
      expect(readdirSync(target)).toEqual(["good.json"]);
    }
  }, 60_000);

  it("on the next start removes what a killed run left, but not another live run's folders", async () => {
    const root = parent();
    const target = join(root, "output");
    // Process ids above the kernel's limit (2^22) never run; our own id always does.
    const dead = `.output.partial-${2 ** 22 + 7}-1700000000000`;
    const deadPrevious = `.output.previous-${2 ** 22 + 7}-1700000000000`;
    const live = `.output.partial-${process.pid}-1700000000000`;
    for (const name of [dead, deadPrevious, live, ".other.partial-99999999-1"]) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, "half.json"), "half");
    }
    expect(removeStaleWorkFolders(target).sort()).toEqual([dead, deadPrevious].sort());
    await replaceDirectoryAtomically(target, async (staging) => writeFileSync(join(staging, "a.json"), "1"));
    expect(readdirSync(root).sort()).toEqual([live, ".other.partial-99999999-1", "output"].sort());
  });
});
