import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { analysisOutputDir } from "@spotiflies/analysis/results";
import { modelsOutputDir } from "@spotiflies/models/results";
import { normaliseBase } from "../../src/site/base-path.ts";

/** The site's folder, its build output, and helpers to build it once for all test files. */
export const siteDir = fileURLToPath(new URL("../../", import.meta.url));
export const distDir = join(siteDir, "dist");

/** The base path the tests expect the default build to use (REPORT_BASE, as for `npm run build`). */
export const expectedBase = normaliseBase(process.env.REPORT_BASE);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The newest modification time among everything a build reads: sources, config, analysis and model results. */
function newestInput(): number {
  const inputs = [
    ...files(join(siteDir, "src")),
    ...files(join(siteDir, "public")),
    join(siteDir, "astro.config.ts"),
    join(siteDir, "package.json"),
    ...files(join(analysisOutputDir, "results")),
    ...files(join(modelsOutputDir, "results")),
  ];
  return Math.max(...inputs.filter(existsSync).map((file) => statSync(file).mtimeMs));
}

/** The base a built site was built with, read from the home link every page carries. */
export function baseOf(outDir: string): string | undefined {
  const index = join(outDir, "index.html");
  if (!existsSync(index)) return undefined;
  return /<a class="site-title"[^>]*href="([^"]+)"/.exec(readFileSync(index, "utf8"))?.[1];
}

function isFresh(outDir: string, base: string): boolean {
  const index = join(outDir, "index.html");
  return existsSync(index) && statSync(index).mtimeMs >= newestInput() && baseOf(outDir) === base;
}

/**
 * The environment for a child build: ours, minus what Vitest adds for its own Vite (BASE_URL, MODE, NODE_ENV,
 * VITEST_*…), which would otherwise leak into the site's `import.meta.env`.
 */
function buildEnvironment(base: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*|VITE_.*)$/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, REPORT_BASE: base };
}

function runAstroBuild(outDir: string, base: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const astroBin = join(dirname(require.resolve("astro/package.json")), "astro.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, "build", "--outDir", outDir], {
      cwd: siteDir,
      env: buildEnvironment(base),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`astro build failed:\n${output}`)),
    );
  });
}

const LOCK = join(
  tmpdir(),
  `spotiflies-report-build-${Buffer.from(siteDir).toString("hex").slice(-24)}.lock`,
);
const STALE_LOCK_MS = 5 * 60_000;

/** Runs `task` while holding a lock shared by all test workers, so that builds never overlap. */
async function withBuildLock<T>(task: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
        rmSync(LOCK, { recursive: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await task();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Makes sure `outDir` holds a build with `base` that is newer than every input; builds only when it does not.
 * Test files call this in `beforeAll`; the first one builds, the others reuse its output.
 */
export async function ensureBuilt(outDir = distDir, base = expectedBase): Promise<void> {
  if (isFresh(outDir, base)) return;
  await withBuildLock(async () => {
    if (!isFresh(outDir, base)) await runAstroBuild(outDir, base);
  });
  if (baseOf(outDir) !== base)
    throw new Error(`${outDir} was built with base ${baseOf(outDir)}, not ${base}.`);
}

/** Every HTML page of a build, as paths relative to the output folder ("index.html", "chapters/x/index.html"). */
export function builtPages(outDir = distDir): string[] {
  return files(outDir)
    .filter((file) => file.endsWith(".html"))
    .map((file) => relative(outDir, file))
    .sort();
}

/** The chapter slugs, from the MDX files in src/chapters/ (what the chapter list is built from). */
export function chapterSlugs(): string[] {
  return readdirSync(join(siteDir, "src", "chapters"))
    .filter((name) => name.endsWith(".mdx"))
    .map((name) => name.replace(/\.mdx$/, ""))
    .sort();
}

/** The page for a site path ("" for home, "chapters/x/"), read from a build. */
export function readPage(path: string, outDir = distDir): string {
  return readFileSync(join(outDir, path, "index.html"), "utf8");
}

export function sourceFiles(): string[] {
  return files(join(siteDir, "src"));
}
