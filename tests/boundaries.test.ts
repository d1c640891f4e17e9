import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoFiles, repoRoot } from "./support/repo.ts";

// Data flows one way: data → analysis → models → report. Each workspace may use only those before it.
const ORDER = [
  { dir: "data/", name: "@spotiflies/data" },
  { dir: "packages/analysis/", name: "@spotiflies/analysis" },
  { dir: "packages/models/", name: "@spotiflies/models" },
  { dir: "sites/report/", name: "@spotiflies/report" },
];

function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] as string);
}

describe("package boundaries", () => {
  const sources = repoFiles().filter((f) => /\.(ts|tsx|mts|astro|mdx)$/.test(f));

  it.each(ORDER.map((entry, index) => [entry.name, index] as const))(
    "%s imports nothing downstream",
    (_, index) => {
      const own = ORDER[index] as (typeof ORDER)[number];
      const downstream = ORDER.slice(index + 1);
      const offending: string[] = [];
      for (const file of sources.filter((f) => f.startsWith(own.dir))) {
        for (const specifier of importsOf(readFileSync(join(repoRoot, file), "utf8"))) {
          const crossesByName = downstream.some(
            (d) => specifier === d.name || specifier.startsWith(`${d.name}/`),
          );
          const crossesByPath = downstream.some((d) => specifier.includes(d.dir.replace(/\/$/, "")));
          if (crossesByName || crossesByPath) offending.push(`${file} → ${specifier}`);
        }
      }
      expect(offending).toEqual([]);
    },
  );

  it("keeps the protocols on top: nothing in packages/models/src but experiments/ and the build's entry imports from it", () => {
    const offending: string[] = [];
    // cli.ts is the build itself: it runs the experiments.
    for (const file of sources.filter(
      (f) =>
        f.startsWith("packages/models/src/") &&
        !f.startsWith("packages/models/src/experiments/") &&
        f !== "packages/models/src/cli.ts",
    )) {
      for (const specifier of importsOf(readFileSync(join(repoRoot, file), "utf8"))) {
        if (/(^|\/)experiments(\/|$)/.test(specifier)) offending.push(`${file} → ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("declares dependencies only on upstream workspaces", () => {
    ORDER.forEach((entry, index) => {
      const manifest = JSON.parse(readFileSync(join(repoRoot, entry.dir, "package.json"), "utf8"));
      const deps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
      for (const later of ORDER.slice(index + 1)) expect(deps, entry.name).not.toContain(later.name);
    });
  });
});
