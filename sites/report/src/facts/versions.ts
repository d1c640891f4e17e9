import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { modelsOutputDir } from "@spotiflies/models/results";

/**
 * Versions of the tools the report was built with, read from package.json files at build time. The repository
 * root is found from the models package's output folder (an absolute path that survives bundling).
 */
const root = resolve(modelsOutputDir, "..", "..", "..");

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

/** The installed version of `name`, looked up where npm workspaces install it; throws when absent. */
function installed(name: string): string {
  const places = ["sites/report", "packages/models", "packages/analysis", "data", "."].map((dir) =>
    join(root, dir, "node_modules", name, "package.json"),
  );
  const file = places.find(existsSync);
  if (!file) throw new Error(`Cannot find the installed package ${name} under ${root}.`);
  return String(readJson(file).version);
}

export interface ToolVersion {
  tool: string;
  role: string;
  declared: string;
  installed: string;
}

const TOOLS: { name: string; role: string; workspace: string }[] = [
  {
    name: "@duckdb/node-api",
    role: "cleaning and summary queries (analysis)",
    workspace: "packages/analysis",
  },
  { name: "zod", role: "result schemas", workspace: "packages/models" },
  { name: "astro", role: "static site", workspace: "sites/report" },
  { name: "@astrojs/mdx", role: "chapters in MDX", workspace: "sites/report" },
  { name: "@observablehq/plot", role: "figures", workspace: "sites/report" },
  { name: "linkedom", role: "server-side DOM for figures", workspace: "sites/report" },
  { name: "typescript", role: "type checking", workspace: "." },
  { name: "tsx", role: "running the build scripts", workspace: "." },
  { name: "turbo", role: "task runner", workspace: "." },
  { name: "vitest", role: "tests", workspace: "." },
  { name: "@biomejs/biome", role: "lint and format", workspace: "." },
];

function declared(name: string, workspace: string): string {
  const manifest = readJson(join(root, workspace, "package.json"));
  const sections = ["dependencies", "devDependencies"].map(
    (k) => (manifest[k] ?? {}) as Record<string, string>,
  );
  return sections.find((s) => name in s)?.[name] ?? "";
}

export function toolVersions(): ToolVersion[] {
  return TOOLS.map((t) => ({
    tool: t.name,
    role: t.role,
    declared: declared(t.name, t.workspace),
    installed: installed(t.name),
  }));
}

export function workspaceVersions(): { workspace: string; version: string }[] {
  return ["packages/analysis", "packages/models", "sites/report"].map((dir) => {
    const manifest = readJson(join(root, dir, "package.json"));
    return { workspace: String(manifest.name), version: String(manifest.version) };
  });
}

/** The Node.js version that built the site, and the engines range the repository declares. */
export function nodeVersions(): { running: string; required: string; packageManager: string } {
  const manifest = readJson(join(root, "package.json"));
  return {
    running: process.version,
    required: String((manifest.engines as Record<string, string> | undefined)?.node ?? ""),
    packageManager: String(manifest.packageManager ?? ""),
  };
}
