// Run by atomic-dir.test.ts in a child process: starts replacing the directory given as the first argument,
// writes one file into the staging folder, says "filling" and waits to be interrupted.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { replaceDirectoryAtomically } from "../../src/output/atomic-dir.ts";

const target = process.argv[2];
if (!target) throw new Error("usage: interrupted-fill.ts <target>");
await replaceDirectoryAtomically(target, async (staging) => {
  writeFileSync(join(staging, "half.json"), "half");
  console.log(`filling ${staging}`);
  // Keeps the process alive until a signal ends it.
  await new Promise(() => setInterval(() => {}, 1000));
});
