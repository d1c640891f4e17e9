import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/repo.ts";

interface DryTask {
  taskId: string;
  command: string;
  cache: { status: string };
  inputs: Record<string, string>;
  dependencies: string[];
  resolvedTaskDefinition: { cache: boolean };
}

/** Every task `taskId` waits for, directly or through others. */
function waitsFor(tasks: DryTask[], taskId: string): Set<string> {
  const byId = new Map(tasks.map((task) => [task.taskId, task]));
  const found = new Set<string>();
  const pending = [...(byId.get(taskId)?.dependencies ?? [])];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (found.has(id)) continue;
    found.add(id);
    pending.push(...(byId.get(id)?.dependencies ?? []));
  }
  return found;
}

const turbo = (...args: string[]) =>
  execFileSync("npx", ["turbo", ...args], { cwd: repoRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

/**
 * `npm test` builds before vitest runs, so the analysis and the models are cache hits here. Run on its own after
 * a change to either, this test would retrain the models inside itself (a quarter of an hour on 2 cores, far past
 * its time limit, and then fail on that); it says what to do instead.
 */
function requireExpensiveTasksCached(): void {
  const dry = JSON.parse(turbo("run", "build", "--dry=json")) as { tasks: DryTask[] };
  const missing = dry.tasks
    .filter((t) => /^@spotiflies\/(analysis|models)#build$/.test(t.taskId) && t.cache.status !== "HIT")
    .map((t) => t.taskId);
  if (missing.length > 0)
    throw new Error(
      `${missing.join(" and ")} would be built, not taken from turbo's cache: run \`npm test\` (which builds ` +
        "first) or `npm run build` once before running this test on its own.",
    );
}

describe("turbo build", () => {
  it("is a full cache hit the second time, and the dataset's pinned checksum is an input of the analysis", () => {
    // `npm test` has just built; on its own this test builds first (a cache hit when nothing changed).
    requireExpensiveTasksCached();
    turbo("run", "build", "--output-logs=errors-only");
    const dry = JSON.parse(turbo("run", "build", "--dry=json")) as { tasks: DryTask[] };
    // Workspaces without a build script appear with the command "<NONEXISTENT>"; turbo runs nothing for them.
    const all = dry.tasks.filter((t) => t.command !== "<NONEXISTENT>");
    // Finding the dataset depends on this machine, not on inputs: it always runs (see the next test).
    const data = all.find((t) => t.taskId === "@spotiflies/data#build");
    expect(data?.resolvedTaskDefinition.cache).toBe(false);
    const tasks = all.filter((t) => t !== data);
    expect(tasks.map((t) => t.taskId)).toEqual(expect.arrayContaining(["@spotiflies/analysis#build"]));
    for (const task of tasks) expect(task.cache.status, task.taskId).toBe("HIT");
    const analysis = tasks.find((t) => t.taskId === "@spotiflies/analysis#build");
    expect(Object.keys(analysis?.inputs ?? {}).some((f) => f.endsWith("data/dataset.lock.json"))).toBe(true);
    expect(Object.keys(analysis?.inputs ?? {}).some((f) => f.includes("test/"))).toBe(false);
    // The dataset check runs after the analysis (which finds or downloads the data itself on a cache miss), so
    // on a cache hit the site's build does not wait for it.
    expect(data?.dependencies).toEqual(["@spotiflies/analysis#build"]);
    expect(waitsFor(dry.tasks, "@spotiflies/report#build")).toEqual(
      new Set(["@spotiflies/analysis#build", "@spotiflies/models#build"]),
    );
    // A chapter is an input of the site's build only, so editing one re-runs nothing upstream.
    const chapterOwners = tasks.filter((t) => Object.keys(t.inputs).some((f) => f.includes("src/chapters/")));
    expect(chapterOwners.map((t) => t.taskId)).toEqual(["@spotiflies/report#build"]);
  });

  it("never replays the dataset step from the cache: with the data gone, the build fails and says why", () => {
    requireExpensiveTasksCached();
    const run = (env: Record<string, string>) => {
      try {
        const out = execFileSync(
          "npx",
          ["turbo", "run", "build", "--filter=@spotiflies/data", "--output-logs=full"],
          {
            cwd: repoRoot,
            encoding: "utf8",
            env: { ...process.env, ...env },
            stdio: ["ignore", "pipe", "pipe"],
          },
        );
        return { ok: true, out };
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        return { ok: false, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
      }
    };
    const present = run({});
    expect(present.ok, present.out).toBe(true);
    expect(present.out).toMatch(/data: ready in/);
    // SPOTIFY_TRACKS_CSV passes through without changing any hash: a cache would replay the success above.
    const gone = run({ SPOTIFY_TRACKS_CSV: "/nonexistent/dataset.csv" });
    expect(gone.ok).toBe(false);
    expect(gone.out).toMatch(
      /SPOTIFY_TRACKS_CSV is set to \/nonexistent\/dataset\.csv, but no file exists there/,
    );
    // The analysis's results made with the data present are replayed, and still the build fails.
    expect(gone.out).toMatch(/@spotiflies\/analysis:build: cache hit, replaying/);
    expect(gone.out).not.toMatch(/@spotiflies\/data:build: cache hit/);
  }, 120_000);
});
