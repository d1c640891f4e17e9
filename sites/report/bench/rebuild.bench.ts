// `npm run bench`: how long the site takes to rebuild after an author edits one chapter's prose, the issue's
// "editing one chapter → rebuilt site ≤ 15 s". From an already-built tree it runs the build a user runs
// (`npm run build` at the repository root: turbo, where the analysis and models are cache hits), appends a
// paragraph to one chapter, runs it again (timed), then puts the chapter back and builds once more, so the
// tree and its dist end as they began. It prints the timed build's wall time and its steps.
//   npx tsx bench/rebuild.bench.ts [--chapter methods] [--site]
// --site runs the site's own `astro build` instead of turbo (what the turbo task runs; no turbo overhead).
// The chapter is restored even on an error or Ctrl-C (bench/chapter-edit.ts).
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildSteps } from "./build-steps.ts";
import { editChapter, recoverChapter } from "./chapter-edit.ts";

/** The target for a rebuild after a one-chapter edit. */
const TARGET_S = 15;

const siteDir = fileURLToPath(new URL("../", import.meta.url));
const repoRoot = join(siteDir, "../..");
const chaptersDir = join(siteDir, "src/chapters");
/** Where the chapter's backup waits while it is edited (git-ignored, beside the build cache). */
const backupDir = join(siteDir, "node_modules/.cache/spotiflies-bench");

const { values } = parseArgs({ options: { chapter: { type: "string" }, site: { type: "boolean" } } });
const chapters = readdirSync(chaptersDir)
  .filter((name) => name.endsWith(".mdx"))
  .sort();
const chapterName = values.chapter ?? "methods";
const chapter = join(chaptersDir, `${chapterName.replace(/\.mdx$/, "")}.mdx`);
if (!existsSync(chapter))
  throw new Error(
    `No chapter ${chapter}; the chapters are ${chapters.map((name) => name.slice(0, -4)).join(", ")}.`,
  );
if (recoverChapter(backupDir, chapter)) console.log(`(put back ${chapter}, left edited by a killed run)`);

/** The command a user runs, in the folder they run it from. */
const command = values.site
  ? { cmd: "npx", args: ["astro", "build"], cwd: siteDir, label: "astro build (sites/report)" }
  : { cmd: "npm", args: ["run", "build"], cwd: repoRoot, label: "npm run build (turbo)" };

/** Runs a command; `log` is its stdout and stderr as they came, `stdout` its stdout alone. */
function run(
  cmd: string,
  args: string[],
  cwd: string,
): Promise<{ log: string; stdout: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let log = "";
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve({ log, stdout, seconds });
      else reject(new Error(`${cmd} ${args.join(" ")} failed (exit ${code}):\n${log.slice(-4000)}`));
    });
  });
}

/**
 * Refuses to start a turbo build that would not be the site's alone: if the analysis or the models are not
 * cache hits, `npm run build` would retrain the models (10+ minutes of every core), which is not this bench.
 */
async function checkDependenciesCached(): Promise<void> {
  const { stdout } = await run("npx", ["turbo", "run", "build", "--dry=json"], repoRoot);
  const dry = JSON.parse(stdout) as {
    tasks: { taskId: string; cache: { status: string } }[];
  };
  const missing = dry.tasks
    .filter((task) => /^@spotiflies\/(analysis|models)#build$/.test(task.taskId))
    .filter((task) => task.cache.status !== "HIT")
    .map((task) => task.taskId);
  if (missing.length > 0)
    throw new Error(
      `${missing.join(" and ")} would be built, not taken from turbo's cache: run \`npm run build\` once ` +
        "first (or pass --site to time the site's own build).",
    );
}

function printSteps(log: string, wall: number): void {
  const { steps, total } = buildSteps(log);
  for (const { step, seconds } of steps)
    console.log(`  ${step.padEnd(32)} ${seconds.toFixed(1).padStart(5)} s`);
  if (total !== undefined) {
    console.log(`  ${"astro build, start-up aside".padEnd(32)} ${total.toFixed(1).padStart(5)} s`);
    const outside = values.site ? "start-up and config" : "start-up, config and turbo";
    console.log(`  ${outside.padEnd(32)} ${(wall - total).toFixed(1).padStart(5)} s`);
  }
  const cacheLine = /precompressed[^\n]*\((\d+ of \d+ copies from the build cache)\)/.exec(log);
  if (cacheLine) console.log(`  (${cacheLine[1]})`);
}

if (!values.site) await checkDependenciesCached();
console.log(`${command.label}, unchanged tree (makes sure the site is built and its build cache filled)…`);
const before = await run(command.cmd, command.args, command.cwd);
console.log(`  ${before.seconds.toFixed(1)} s`);

const edit = editChapter(
  chapter,
  `\n\nThis sentence was added by the rebuild bench at ${new Date().toISOString()}.\n`,
  backupDir,
);
let edited: Awaited<ReturnType<typeof run>>;
try {
  edited = await run(command.cmd, command.args, command.cwd);
} finally {
  edit.restore();
}
const verdict = edited.seconds <= TARGET_S ? "" : ", OVER the target";
console.log(
  `chapter edit → rebuilt site: ${edited.seconds.toFixed(1)} s (target ${TARGET_S} s${verdict}; ` +
    `${command.label}, src/chapters/${chapterName}.mdx)`,
);
printSteps(edited.log, edited.seconds);

console.log(`${command.label} with the chapter put back, so the built site matches the sources again…`);
const after = await run(command.cmd, command.args, command.cwd);
console.log(`  ${after.seconds.toFixed(1)} s`);
