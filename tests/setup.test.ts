import { describe, expect, it } from "vitest";
import { readmeCommands, readRepoFile } from "./support/repo.ts";

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
