// The process that writes the browser's two DuckDB files from the tables the analysis staged
// (duckdb-files-process.ts starts it and says why a process of its own). It loads DuckDB at once, then waits for
// one line on standard input: `{"stage": folder, "out": folder}` as JSON. Standard input closing first means the
// build ended without needing it: it exits without writing.
// First: DuckDB reads the setting zeroed-memory.ts makes when its library loads.
import "../zeroed-memory.ts";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createInstance } from "../db.ts";
import { residentMemory } from "../resident-memory.ts";
import { copyStagedTracksDuckdb } from "./duckdb-file.ts";

/**
 * The child's DuckDB budget. Copying the staged tables streams them; what DuckDB holds is the blocks it has
 * compressed and not yet written. At ten times the dataset (one bench run each, 2-core machine) the process
 * peaked at 332 MiB with 256MB, 266 MiB with 128MB and 207 MiB with 64MB, all in about the same time; at 1× it
 * peaks near 190 MiB whatever the budget (Node, tsx and DuckDB's library take most of it). A small budget makes
 * DuckDB evict blocks, whose buffers it reuses without clearing (zeroed-memory.ts): three writes each of a
 * 1.2-million-row table shaped like the real one (duckdb-files-process.test.ts's, ten times over) still gave
 * the same bytes at 64MB, 128MB and 256MB.
 */
const CHILD_MEMORY_LIMIT = "64MB";

const lines = createInterface({ input: process.stdin });
const request = new Promise<string | undefined>((resolve) => {
  lines.once("line", resolve);
  lines.once("close", () => resolve(undefined));
});

const line = await request;
lines.close();
if (line !== undefined) {
  const { stage, out } = JSON.parse(line) as { stage: string; out: string };
  const started = performance.now();
  // Its own spill folder: the parent's DuckDB may spill into the same parent folder.
  const spill = join(out, "duckdb-files-spill");
  const instance = await createInstance({
    memoryLimit: CHILD_MEMORY_LIMIT,
    tempDirectory: spill,
    returnFreedMemory: true,
  });
  const db = await instance.connect();
  try {
    await copyStagedTracksDuckdb(db, stage, out);
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
  // The parent reads this line: how long the write took and the process's peak resident memory.
  console.log(
    JSON.stringify({
      seconds: (performance.now() - started) / 1000,
      peakMiB: residentMemory(process.pid)?.peak ?? null,
    }),
  );
}
