import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readmeCommands, readRepoFile, repoRoot } from "./support/repo.ts";

describe("the README's set-up commands", () => {
  const [build, test] = readmeCommands();

  it("are two: one builds the whole report, one runs every test, each with its install step", () => {
    expect(readmeCommands()).toHaveLength(2);
    expect(build).toBe("npm ci && npm run build");
    expect(test).toBe("npm ci && npm test");
  });

  it("map to turbo build and to the full suite", () => {
    const scripts = JSON.parse(readRepoFile("package.json")).scripts as Record<string, string>;
    expect(scripts.build).toBe("turbo run build");
    expect(scripts.test).toMatch(/turbo run .*build.*&& vitest run$/);
  });

  it("are what CI runs: .ci/run ends with exactly the README's test command", () => {
    const lines = readRepoFile(".ci/run")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    expect(lines.at(-1)).toBe(test);
  });
});

describe("work folders of an interrupted build", () => {
  it("are ignored by git (so by Biome and every check that reads the tracked tree)", () => {
    const paths = [
      "packages/analysis/.output.partial-4242-1700000000000/results/manifest.json",
      "packages/models/.output.previous-4242-1700000000000/results/leaderboard.json",
    ];
    const ignored = execFileSync("git", ["check-ignore", "--no-index", ...paths], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(ignored.trim().split("\n")).toEqual(paths);
  });
});
