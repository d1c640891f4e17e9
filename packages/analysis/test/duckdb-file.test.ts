import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlString } from "../src/db.ts";
import { DUCKDB_STORAGE_VERSION, TRACKS_TABLE } from "../src/output/duckdb-file.ts";
import { PARQUET_COLUMNS } from "../src/output/parquet.ts";
import { runPipeline } from "../src/pipeline.ts";
import { CLEANED_PARQUET, TRACKS_DUCKDB } from "../src/results/index.ts";
import { datasetCsv, fixtureDir, located, track } from "./support/fixture.ts";

// Names with quotes, commas and markup survive the round trip; one row is cleaned away (too short).
const rows = [
  ...Array.from({ length: 30 }, (_, i) => track(i)),
  track(30, { track_name: `Say "Hi", <b>&</b>` }),
  track(31, { duration_ms: 12_000 }),
];

describe("the tracks.duckdb output", () => {
  const fixture = fixtureDir("spotiflies-duckdb-file-");
  const outDir = join(fixture.dir, "output");
  let instance: DuckDBInstance;
  let db: DuckDBConnection;
  const all = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJS();

  beforeAll(async () => {
    await runPipeline({ outDir, dataset: located(fixture.write("tracks.csv", datasetCsv(rows))) });
    instance = await DuckDBInstance.create(":memory:");
    db = await instance.connect();
    await db.run(`ATTACH ${sqlString(join(outDir, TRACKS_DUCKDB))} AS file (READ_ONLY)`);
    await db.run(
      `CREATE VIEW parquet AS SELECT * FROM read_parquet(${sqlString(join(outDir, CLEANED_PARQUET))})`,
    );
  });
  afterAll(() => {
    db?.closeSync();
    instance?.closeSync();
    fixture.cleanup();
  });

  it("holds one table, tracks, with the Parquet's columns and types in the same order", async () => {
    expect(await all("SELECT table_name FROM duckdb_tables() WHERE database_name = 'file'")).toEqual([
      { table_name: TRACKS_TABLE },
    ]);
    const fileColumns = await all(`DESCRIBE file.${TRACKS_TABLE}`);
    const parquetColumns = await all("DESCRIBE parquet");
    expect(fileColumns.map((c) => [c.column_name, c.column_type])).toEqual(
      parquetColumns.map((c) => [c.column_name, c.column_type]),
    );
    expect(fileColumns.map((c) => c.column_name)).toEqual(PARQUET_COLUMNS);
  });

  it("holds exactly the Parquet's rows, in file order", async () => {
    const [counts] = await all(
      `SELECT (SELECT count(*) FROM file.tracks)::INTEGER AS file, (SELECT count(*) FROM parquet)::INTEGER AS parquet`,
    );
    // 32 generated rows, one too short to keep.
    expect(counts).toEqual({ file: 31, parquet: 31 });
    const [differences] = await all(
      `SELECT (SELECT count(*) FROM (SELECT * FROM file.tracks EXCEPT ALL SELECT * FROM parquet))::INTEGER AS extra,
              (SELECT count(*) FROM (SELECT * FROM parquet EXCEPT ALL SELECT * FROM file.tracks))::INTEGER AS missing`,
    );
    expect(differences).toEqual({ extra: 0, missing: 0 });
    const order = async (table: string) =>
      (await all(`SELECT track_id FROM ${table}`)).map((r) => r.track_id);
    expect(await order("file.tracks")).toEqual(await order("parquet"));
    expect(await all(`SELECT track_name FROM file.tracks WHERE track_name LIKE 'Say%'`)).toEqual([
      { track_name: `Say "Hi", <b>&</b>` },
    ]);
  });

  it(`is written in storage format ${DUCKDB_STORAGE_VERSION}, the newest DuckDB-WASM 1.32 reads`, async () => {
    expect(
      await all("SELECT tags::VARCHAR AS tags FROM duckdb_databases() WHERE database_name = 'file'"),
    ).toEqual([{ tags: `{storage_version=${DUCKDB_STORAGE_VERSION}+}` }]);
    // The header's format number: DuckDB-WASM 1.32 reads 64 to 67 ("can only read versions between 64 and 67").
    const header = readFileSync(join(outDir, TRACKS_DUCKDB)).subarray(0, 20);
    expect(header.subarray(8, 12).toString("latin1")).toBe("DUCK");
    expect(header.readBigUInt64LE(12)).toBe(67n);
  });

  it("leaves no write-ahead log beside it", async () => {
    expect(() => readFileSync(join(outDir, `${TRACKS_DUCKDB}.wal`))).toThrow(/ENOENT/);
  });
});
