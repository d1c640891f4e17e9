import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MEMORY_LIMIT_ENV_VAR, openPipelineDatabase, queryRows, removeStaleSpillFolders } from "../src/db.ts";
import { fixtureDir } from "./support/fixture.ts";

const setting = async (db: Awaited<ReturnType<typeof openPipelineDatabase>>["db"], name: string) =>
  (await queryRows<{ v: string }>(db, `SELECT current_setting('${name}') AS v`))[0]?.v;

describe("openPipelineDatabase", () => {
  it("bounds DuckDB's memory and spills into its own temporary folder, which close removes", async () => {
    const { db, close } = await openPipelineDatabase({});
    const spill = await setting(db, "temp_directory");
    // DuckDB reports sizes in its own units (384MB → "366.2 MiB", 8MB → "7.6 MiB").
    expect(await setting(db, "memory_limit")).toBe("366.2 MiB");
    // Freed memory goes back to the system soon rather than past DuckDB's default 128/512 MiB flush thresholds.
    expect(await setting(db, "allocator_flush_threshold")).toBe("7.6 MiB");
    expect(await setting(db, "allocator_bulk_deallocation_flush_threshold")).toBe("7.6 MiB");
    expect(await setting(db, "allocator_background_threads")).toBe(true);
    expect(spill?.startsWith(tmpdir())).toBe(true);
    expect(existsSync(spill as string)).toBe(true);
    close();
    expect(existsSync(spill as string)).toBe(false);
  });

  it(`takes another limit from ${MEMORY_LIMIT_ENV_VAR}`, async () => {
    const { db, close } = await openPipelineDatabase({ [MEMORY_LIMIT_ENV_VAR]: "2GB" });
    expect(await setting(db, "memory_limit")).toBe("1.8 GiB");
    close();
  });
});

describe("removeStaleSpillFolders", () => {
  it("removes a killed build's spill folder, not a running one's", () => {
    const f = fixtureDir();
    // Process ids above the kernel's limit (2^22) never run; our own id always does.
    mkdirSync(join(f.dir, `spotiflies-duckdb-${2 ** 22 + 3}-abc`));
    mkdirSync(join(f.dir, `spotiflies-duckdb-${process.pid}-abc`));
    mkdirSync(join(f.dir, "other"));
    expect(removeStaleSpillFolders(f.dir)).toEqual([`spotiflies-duckdb-${2 ** 22 + 3}-abc`]);
    expect(readdirSync(f.dir).sort()).toEqual(["other", `spotiflies-duckdb-${process.pid}-abc`]);
    f.cleanup();
  });
});
