import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/repo.ts";

interface DryTask {
  taskId: string;
  command: string;
  cache: { status: string };
  inputs: Record<string, string>;
}

const turbo = (...args: string[]) =>
  execFileSync("npx", ["turbo", ...args], { cwd: repoRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

describe("turbo build", () => {
  it("is a full cache hit the second time, and the dataset's pinned checksum is an input of the analysis", () => {
    // `npm test` has just built; on its own this test builds first (a cache hit when nothing changed).
    turbo("run", "build", "--output-logs=errors-only");
    const dry = JSON.parse(turbo("run", "build", "--dry=json")) as { tasks: DryTask[] };
    // Workspaces without a build script appear with the command "<NONEXISTENT>"; turbo runs nothing for them.
    const tasks = dry.tasks.filter((t) => t.command !== "<NONEXISTENT>");
    expect(tasks.map((t) => t.taskId)).toEqual(expect.arrayContaining(["@spotiflies/analysis#build"]));
    for (const task of tasks) expect(task.cache.status, task.taskId).toBe("HIT");
    const analysis = tasks.find((t) => t.taskId === "@spotiflies/analysis#build");
    expect(Object.keys(analysis?.inputs ?? {}).some((f) => f.endsWith("data/dataset.lock.json"))).toBe(true);
    expect(Object.keys(analysis?.inputs ?? {}).some((f) => f.includes("test/"))).toBe(false);
    // A chapter is an input of the site's build only, so editing one re-runs nothing upstream.
    const chapterOwners = tasks.filter((t) => Object.keys(t.inputs).some((f) => f.includes("src/chapters/")));
    expect(chapterOwners.map((t) => t.taskId)).toEqual(["@spotiflies/report#build"]);
  });
});
