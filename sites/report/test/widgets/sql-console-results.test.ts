import { type RecordBatch, tableFromArrays } from "apache-arrow";
import { describe, expect, it } from "vitest";
import type { StreamedQuery } from "../../src/widgets/duckdb/client.ts";
import { DatabaseStoppedError, isFatalError } from "../../src/widgets/duckdb/fatal.ts";
import { countAll, countQuery, MAX_SHOWN_ROWS, readBounded } from "../../src/widgets/sql-console/bounded.ts";
import { isReadOnlyStatement, resultToCsv } from "../../src/widgets/sql-console/csv-download.ts";
import { extentText, formatElapsed, formatMilliseconds } from "../../src/widgets/sql-console/format.ts";

describe("the console's status texts", () => {
  it("formats elapsed time as a clock reads, in tenths of a second, then minutes", () => {
    expect(formatElapsed(0)).toBe("0.0 s");
    expect(formatElapsed(1_049)).toBe("1.0 s");
    expect(formatElapsed(1_250)).toBe("1.2 s");
    expect(formatElapsed(59_999)).toBe("59.9 s");
    expect(formatElapsed(60_000)).toBe("1 min 00 s");
    expect(formatElapsed(125_400)).toBe("2 min 05 s");
    expect(formatElapsed(-5)).toBe("0.0 s");
  });

  it("formats a query's duration", () => {
    expect(formatMilliseconds(4.25)).toBe("4.3 ms");
    expect(formatMilliseconds(12_345.6)).toBe("12,346 ms");
  });

  it("says how much of a result is shown, and when the total is only a lower bound", () => {
    expect(extentText({ shown: 1, counted: 1, complete: true })).toBe("1 row");
    expect(extentText({ shown: 0, counted: 0, complete: true })).toBe("0 rows");
    expect(extentText({ shown: 1_000, counted: 113_822, complete: true })).toBe(
      "showing 1,000 of 113,822 rows",
    );
    expect(extentText({ shown: 1_000, counted: 1_818_624, complete: false })).toBe(
      "showing 1,000 of at least 1,818,624 rows",
    );
  });
});

/** A streamed result of `total` rows (x = 0, 1, …) in batches of `size`, recording whether it was closed. */
function streamed(total: number, size: number): StreamedQuery & { closed: boolean; read: number } {
  const batches: RecordBatch[] = [];
  for (let start = 0; start < total; start += size) {
    const x = Int32Array.from({ length: Math.min(size, total - start) }, (_, i) => start + i);
    batches.push(...tableFromArrays({ x, label: Array.from(x, (v) => `r${v}`) }).batches);
  }
  const state = { closed: false, read: 0 };
  return Object.assign(state, {
    columns: [
      { name: "x", type: "INTEGER" },
      { name: "label", type: "VARCHAR" },
    ],
    batches: (async function* () {
      for (const batch of batches) {
        state.read += batch.numRows;
        yield batch;
      }
    })(),
    async close() {
      state.closed = true;
    },
  });
}

describe("reading a bounded result", () => {
  it("keeps the first rows, in order, and counts the whole result when it ends in time", async () => {
    const result = streamed(5_000, 2_048);
    const read = await readBounded(result);
    expect(read.rows).toHaveLength(MAX_SHOWN_ROWS);
    expect(read.rows[0]).toEqual([0, "r0"]);
    expect(read.rows.at(-1)).toEqual([999, "r999"]);
    expect(read.extent).toEqual({ shown: 1_000, counted: 5_000, complete: true });
    expect(result.closed).toBe(false);
  });

  it("keeps rows across batches when the first batch is short of the cap", async () => {
    const read = await readBounded(streamed(700, 300), { maxRows: 500 });
    expect(read.rows.map((row) => row[0])).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(read.extent).toEqual({ shown: 500, counted: 700, complete: true });
  });

  it("stops counting once the time is up, says the total is a lower bound, and frees the result", async () => {
    let clock = 0;
    const result = streamed(100_000, 1_000);
    // Each reading of the clock advances it by 100 ms: counting stops 300 ms after the table is full.
    const read = await readBounded(result, { countForMs: 300, now: () => (clock += 100) });
    expect(read.rows).toHaveLength(1_000);
    expect(read.extent.complete).toBe(false);
    expect(read.extent.counted).toBeGreaterThan(1_000);
    expect(read.extent.counted).toBeLessThan(100_000);
    expect(read.extent.counted).toBe(result.read);
    expect(result.closed).toBe(true);
  });

  it("shows a result smaller than the cap whole", async () => {
    const read = await readBounded(streamed(3, 2_048));
    expect(read.rows).toEqual([
      [0, "r0"],
      [1, "r1"],
      [2, "r2"],
    ]);
    expect(read.extent).toEqual({ shown: 3, counted: 3, complete: true });
  });
});

describe("counting a result the console stopped reading", () => {
  /** A one-row, one-column result holding `n`, as DuckDB streams `count(*)` (BIGINT). */
  const counted = (n: bigint): StreamedQuery => ({
    columns: [{ name: "n", type: "BIGINT" }],
    batches: (async function* () {
      yield* tableFromArrays({ n: BigInt64Array.of(n) }).batches;
    })(),
    async close() {},
  });

  it("wraps the statement on lines of its own, so a trailing comment cannot swallow the parenthesis", () => {
    expect(countQuery("SELECT * FROM range(10) -- ten")).toBe(
      "SELECT count(*) AS n FROM (\nSELECT * FROM range(10) -- ten\n) AS counted",
    );
  });

  it("reads DuckDB's count of the statement's rows", async () => {
    const asked: string[] = [];
    const total = await countAll(async (sql) => {
      asked.push(sql);
      return counted(10_000_000n);
    }, "SELECT * FROM range(10000000)");
    expect(total).toBe(10_000_000);
    expect(asked).toEqual([countQuery("SELECT * FROM range(10000000)")]);
  });

  it("gives up quietly (the lower bound stands) when the count fails or is cancelled", async () => {
    expect(
      await countAll(async () => {
        throw new Error("Parser Error: syntax error");
      }, "SHOW TABLES"),
    ).toBeUndefined();
  });
});

describe("the streamed CSV download", () => {
  it("writes the header and every row of every batch, reporting progress", async () => {
    const progress: number[] = [];
    const blob = await resultToCsv(streamed(5, 2), (rows) => progress.push(rows));
    expect(await blob.text()).toBe("x,label\r\n0,r0\r\n1,r1\r\n2,r2\r\n3,r3\r\n4,r4\r\n");
    expect(progress).toEqual([2, 4, 5]);
  });

  it("re-runs only statements that just read", () => {
    for (const sql of [
      "SELECT 1",
      "  with t AS (SELECT 1) SELECT * FROM t",
      "FROM tracks",
      "-- c\nSUMMARIZE tracks",
      "(SELECT 1)",
    ])
      expect(isReadOnlyStatement(sql), sql).toBe(true);
    for (const sql of [
      "INSERT INTO t VALUES (1) RETURNING *",
      "CREATE TEMP TABLE t AS SELECT 1",
      "/* x */ DELETE FROM t",
      "SET x = 1",
    ])
      expect(isReadOnlyStatement(sql), sql).toBe(false);
  });
});

describe("which DuckDB errors stop the database", () => {
  const error = (name: string, message: string) => Object.assign(new Error(message), { name });

  it("wasm traps, DuckDB's internal errors and an invalidated database are fatal", () => {
    expect(isFatalError(error("RuntimeError", "memory access out of bounds"))).toBe(true);
    expect(isFatalError(error("Error", "memory access out of bounds"))).toBe(true);
    expect(isFatalError(error("Error", "unreachable"))).toBe(true);
    expect(
      isFatalError(error("Error", "INTERNAL Error: Attempted to access index 3 within vector of size 3")),
    ).toBe(true);
    expect(
      isFatalError(
        error(
          "Error",
          "FATAL Error: Failed: database has been invalidated because of a previous fatal error",
        ),
      ),
    ).toBe(true);
    expect(isFatalError(new DatabaseStoppedError("stopped"))).toBe(true);
  });

  it("ordinary query errors are not, even when they quote the reader's words", () => {
    expect(isFatalError(error("Error", 'Parser Error: syntax error at or near "SELEC"'))).toBe(false);
    expect(isFatalError(error("Error", 'Binder Error: Referenced column "unreachable" not found'))).toBe(
      false,
    );
    expect(
      isFatalError(error("Error", 'Catalog Error: Table with name "INTERNAL Error" does not exist!')),
    ).toBe(false);
    expect(
      isFatalError(error("Error", "Out of Memory Error: could not allocate block of size 256.0 KiB")),
    ).toBe(false);
    expect(isFatalError("memory access out of bounds")).toBe(false);
  });
});
