// The rebuild bench's parts (bench/build-steps.ts, bench/chapter-edit.ts), without a build.
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildSteps } from "../bench/build-steps.ts";
import { editChapter, recoverChapter } from "../bench/chapter-edit.ts";

/** Lines of a real `astro build` log (trimmed: the vite chunk list and most pages left out). */
const ASTRO_LOG = `02:27:27 [build] Collecting build info...
02:27:27 [build] ✓ Completed in 120ms.
02:27:27 [build] Building static entrypoints...
02:27:45 [vite] ✓ built in 16.99s
02:27:45 [build] ✓ Completed in 17.18s.

 building client (vite) 
02:27:45 [vite] transforming...
02:27:51 [vite] ✓ built in 6.30s

 generating static routes 
02:27:51 ▶ src/pages/chapters/[slug].astro
02:27:51   └─ /chapters/methods/index.html (+44ms) 
02:27:56 ✓ Completed in 5.14s.

02:27:56 [spotiflies:duckdb-assets] DuckDB files for the widgets (0.5 s)
duckdb/duckdb-worker.js              0.0 MB
(the wasm exports 269 of DuckDB's 75,011 symbols; slimmed wasm from the build cache)
02:27:56 [spotiflies:downloads] downloads: cleaned.parquet, cleaned.csv.gz, removed-rows.csv → downloads/ (0.0 s)
02:27:57 [spotiflies:page-weight] page weight (0.1 s)
/index.html                                  html    11.9 kB (gzip     3.8 kB)  js     1.2 kB
02:27:57 [spotiflies:search-index] search index: 15 pages read → pagefind/ in 0.3 s
02:27:58 [spotiflies:offline] service worker: sw.js for build 29ec882dba95135f, saving 3 files on install (1.3 s)
02:27:59 [spotiflies:precompress] duckdb/duckdb-eh-slim.wasm: gzip 6.40 MB
02:27:59 [spotiflies:precompress] precompressed 136 files: 43.7 MB → gzip 14.8 MB in 0.9 s (272 of 272 copies from the build cache)
02:27:59 [build] 15 page(s) built in 32.64s
02:27:59 [build] Complete!
`;

const EXPECTED = {
  steps: [
    { step: "server build (pages' modules)", seconds: 17.18 },
    { step: "client build (scripts)", seconds: 6.3 },
    { step: "rendering pages", seconds: 5.14 },
    { step: "duckdb-assets", seconds: 0.5 },
    { step: "downloads", seconds: 0 },
    { step: "page-weight", seconds: 0.1 },
    { step: "search-index", seconds: 0.3 },
    { step: "offline", seconds: 1.3 },
    { step: "precompress", seconds: 0.9 },
  ],
  total: 32.64,
};

describe("buildSteps", () => {
  it("reads each phase's and each integration's seconds from an astro build log", () => {
    expect(buildSteps(ASTRO_LOG)).toEqual(EXPECTED);
  });

  it("reads the same from the log as turbo prints it, each line prefixed by the task", () => {
    const turbo = ASTRO_LOG.split("\n")
      .map((line) => `@spotiflies/report:build: ${line}`)
      .join("\n");
    expect(buildSteps(turbo)).toEqual(EXPECTED);
  });

  it("leaves out what the log does not show, and reads milliseconds", () => {
    const log = "02:27:27 [build] Building static entrypoints...\n02:27:45 [build] ✓ Completed in 950ms.\n";
    expect(buildSteps(log)).toEqual({ steps: [{ step: "server build (pages' modules)", seconds: 0.95 }] });
  });
});

describe("editChapter", () => {
  const root = mkdtempSync(join(tmpdir(), "spotiflies-chapter-edit-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function chapter(): { file: string; backups: string; original: Buffer; mtimeMs: number } {
    const dir = mkdtempSync(join(root, "case-"));
    const file = join(dir, "methods.mdx");
    const original = Buffer.from("# Methods\n\nSome prose with a {facts.value} in it.\n");
    writeFileSync(file, original);
    const then = new Date("2026-01-02T03:04:05Z");
    utimesSync(file, then, then);
    return { file, backups: join(dir, "backups"), original, mtimeMs: statSync(file).mtimeMs };
  }

  it("appends the text, and restore puts back the bytes and the modification time and removes the backup", () => {
    const { file, backups, original, mtimeMs } = chapter();
    const edit = editChapter(file, "\n\nAn added sentence.\n", backups);
    expect(readFileSync(file, "utf8")).toBe(`${original}\n\nAn added sentence.\n`);
    edit.restore();
    edit.restore();
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtimeMs);
    expect(readdirSync(backups)).toEqual([]);
  });

  it("puts back a chapter a killed run left edited, before editing it again", () => {
    const { file, backups, original, mtimeMs } = chapter();
    editChapter(file, "\n\nLeft behind.\n", backups); // never restored: as if the process were killed
    expect(recoverChapter(backups, file)).toBe(true);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtimeMs);
    expect(recoverChapter(backups, file)).toBe(false);

    editChapter(file, "\n\nLeft behind again.\n", backups);
    const next = editChapter(file, "\n\nThe new edit.\n", backups);
    expect(readFileSync(file, "utf8")).toBe(`${original}\n\nThe new edit.\n`);
    next.restore();
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it("puts the chapter back when the process is interrupted (Ctrl-C)", async () => {
    const { file, backups, original } = chapter();
    const module = fileURLToPath(new URL("../bench/chapter-edit.ts", import.meta.url));
    const script = `import { editChapter } from ${JSON.stringify(module)};
editChapter(${JSON.stringify(file)}, "\\n\\nEdited.\\n", ${JSON.stringify(backups)});
console.log("edited");
setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    expect(readFileSync(file, "utf8")).toContain("Edited.");
    const exit = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_, signal) => resolve(signal)),
    );
    child.kill("SIGINT");
    expect(await exit).toBe("SIGINT");
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(existsSync(join(backups, "methods.mdx.bench-backup.json"))).toBe(false);
  });
});
