import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_CONCURRENCY, modelsConcurrency } from "../../src/experiments/runner/concurrency.ts";
import type { ModuleExport } from "../../src/experiments/runner/protocol.ts";
import { ExperimentFailure, runExperiments } from "../../src/experiments/runner/run-experiments.ts";
import { longestFirst, nextReady, selectExperiments } from "../../src/experiments/runner/schedule.ts";
import { type ModelResultName, writeModelResult } from "../../src/results/index.ts";

const fixture = (name: string): ModuleExport => ({
  url: new URL("./runner/fixture.ts", import.meta.url).href,
  name,
});
const loader = fixture("loadSyntheticTable");

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Runs the cheap registry and writes what the CLI writes; returns the files' bytes by name, and the log. */
async function runAndWrite(concurrency: number) {
  const lines: string[] = [];
  const run = await runExperiments({
    registry: fixture("CHEAP"),
    loader,
    concurrency,
    log: (line) => lines.push(line),
  });
  const dir = await mkdtemp(join(tmpdir(), "runner-test-"));
  dirs.push(dir);
  await mkdir(join(dir, "results"));
  for (const { name, result, exports } of run.outcomes) {
    await writeModelResult(dir, name as ModelResultName, result as never);
    for (const [exportName, value] of exports) await writeModelResult(dir, exportName, value as never);
  }
  const files = (await readdir(join(dir, "results"))).sort();
  const bytes = await Promise.all(files.map((f) => readFile(join(dir, "results", f))));
  return { run, lines, files: Object.fromEntries(files.map((f, i) => [f, bytes[i]])) };
}

describe("runExperiments", () => {
  it("writes byte-identical results whatever the concurrency, in registry order", async () => {
    const serial = await runAndWrite(1);
    const parallel = await runAndWrite(2);
    expect(Object.keys(serial.files)).toEqual([
      "decision-tree.json",
      "knn.json",
      "logistic-regression.json",
      "model-decision-tree-super-genre.json",
      "model-logistic-super-genre.json",
    ]);
    expect(parallel.files).toEqual(serial.files);
    for (const { run } of [serial, parallel]) {
      expect(run.outcomes.map((o) => o.name)).toEqual(["logistic-regression", "decision-tree", "knn"]);
      for (const o of run.outcomes) expect(o.seconds).toBeGreaterThan(0);
    }
    expect(serial.run.workers).toBe(1);
    expect(parallel.run.workers).toBe(2);
    // Steps recorded by the experiments come back with them (the tree's grid search, KNN's neighbour searches).
    expect(parallel.run.outcomes.find((o) => o.name === "knn")?.steps.map((s) => s.step)).toContain(
      "neighbours seed-random raw",
    );
    // Every experiment log line carries its experiment's name, padded to a common width.
    const lines = parallel.lines.filter((l) => l.includes(" │ "));
    expect(lines.length).toBeGreaterThan(0);
    // "logistic-regression" is the longest name: 19 characters.
    expect(lines.some((l) => l.startsWith(`${"knn".padEnd(19)} │ models ▸ knn (seed-random`))).toBe(true);
    expect(lines.every((l) => /^(logistic-regression|decision-tree {6}|knn {16}) │ models ▸ /.test(l))).toBe(
      true,
    );
    // Longest expected first: logistic (3) then tree (2) then KNN (1).
    expect(parallel.lines[0]).toContain("longest expected first: logistic-regression, decision-tree, knn");
  }, 120_000);

  it("runs only the experiments asked for, and rejects unknown names", async () => {
    const run = await runExperiments({ registry: fixture("CHEAP"), loader, only: ["knn"], concurrency: 3 });
    expect(run.outcomes.map((o) => o.name)).toEqual(["knn"]);
    expect(run.workers).toBe(1);
    await expect(
      runExperiments({ registry: fixture("CHEAP"), loader, only: ["knn", "nope"], concurrency: 1 }),
    ).rejects.toThrow(/unknown experiment nope; the registry has logistic-regression, decision-tree, knn/);
  }, 60_000);

  it("fails with the experiment's name and stack, without waiting for the others", async () => {
    const started = performance.now();
    const lines: string[] = [];
    const failure = await runExperiments({
      registry: fixture("FAILING"),
      loader,
      concurrency: 2,
      log: (line) => lines.push(line),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExperimentFailure);
    expect((failure as ExperimentFailure).experiment).toBe("knn");
    expect((failure as Error).message).toMatch(/^experiment knn failed: Error: boom in the fixture\n\s+at /);
    expect((failure as Error).message).toContain("fixture.ts");
    expect(lines).toContain("knn               │ about to fail");
    // The sleeping experiment (60 s) was terminated, not awaited.
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it("runs an experiment after those it needs, with their held-out predictions, and only passes them on", async () => {
    const expected = [{ model: "decision-tree", settings: { max_depth: 3 }, test: [0.5, 0.5, 1, 0] }];
    for (const concurrency of [1, 2, 3]) {
      const lines: string[] = [];
      const run = await runExperiments({
        registry: fixture("CHAINED"),
        loader,
        concurrency,
        log: (line) => lines.push(line),
      });
      expect(run.outcomes.map((o) => o.name)).toEqual(["decision-tree", "genre-model", "knn"]);
      expect(run.outcomes[1]?.result).toEqual(expected);
      // The predictions are not kept once handed on: the CLI never sees them.
      for (const o of run.outcomes) expect(o.heldOut).toEqual([]);
      expect(
        lines.some((l) =>
          /genre-model … \(worker \d, with the held-out predictions of decision-tree\)/.test(l),
        ),
      ).toBe(true);
    }
    // Asking for the chain's end runs what it needs too.
    const only = await runExperiments({
      registry: fixture("CHAINED"),
      loader,
      only: ["genre-model"],
      concurrency: 2,
    });
    expect(only.outcomes.map((o) => o.name)).toEqual(["decision-tree", "genre-model"]);
    expect(only.outcomes[1]?.result).toEqual(expected);
  }, 60_000);

  it("reports a registry export that does not exist", async () => {
    await expect(runExperiments({ registry: fixture("MISSING"), loader, concurrency: 1 })).rejects.toThrow(
      /fixture.ts has no export named MISSING/,
    );
  });
});

describe("scheduling", () => {
  const list = [
    { name: "a", cost: 10 },
    { name: "b", cost: 30 },
    { name: "c", cost: 10 },
    { name: "d", cost: 40 },
  ];

  it("starts the longest expected first, registry order among equals", () => {
    expect(longestFirst(list).map((e) => e.name)).toEqual(["d", "b", "a", "c"]);
  });

  it("selects in registry order", () => {
    expect(selectExperiments(list, ["c", "a"]).map((e) => e.name)).toEqual(["a", "c"]);
    expect(selectExperiments(list).map((e) => e.name)).toEqual(["a", "b", "c", "d"]);
  });

  it("counts the chain an experiment starts, and picks only experiments whose needs are done", () => {
    // a (10) is needed by c (10), which is needed by e (25): a's chain is 45, longer than d's 40.
    const chained = [...list, { name: "e", cost: 25, needs: ["c"] }].map((e) =>
      e.name === "c" ? { ...e, needs: ["a"] } : e,
    );
    const order = longestFirst(chained);
    expect(order.map((e) => e.name)).toEqual(["a", "d", "c", "b", "e"]);
    expect(nextReady(order, new Set())?.name).toBe("a");
    expect(nextReady(order.slice(2), new Set())?.name).toBe("b");
    expect(nextReady(order.slice(2), new Set(["a"]))?.name).toBe("c");
    expect(selectExperiments(chained, ["e"]).map((e) => e.name)).toEqual(["a", "c", "e"]);
  });

  it("rejects needs that name no experiment, and cycles", () => {
    expect(() => selectExperiments([{ name: "a", cost: 1, needs: ["z"] }])).toThrow(
      /experiment a needs z, not in the registry/,
    );
    expect(() =>
      selectExperiments([
        { name: "a", cost: 1, needs: ["b"] },
        { name: "b", cost: 1, needs: ["a"] },
      ]),
    ).toThrow(/in a cycle: a → b → a/);
  });
});

describe("MODELS_CONCURRENCY", () => {
  it("defaults to the CPUs, between 1 and the maximum", () => {
    expect(modelsConcurrency(undefined, 2)).toBe(2);
    expect(modelsConcurrency("", 16)).toBe(MAX_CONCURRENCY);
    expect(modelsConcurrency(undefined, 0)).toBe(1);
  });

  it("takes an integer from 1 to the maximum, and nothing else", () => {
    expect(modelsConcurrency("3", 2)).toBe(3);
    for (const bad of ["0", "5", "1.5", "two"]) {
      expect(() => modelsConcurrency(bad, 2)).toThrow(/MODELS_CONCURRENCY must be an integer from 1 to 4/);
    }
  });
});
