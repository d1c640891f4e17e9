import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, sqlString } from "../src/db.ts";
import { DUCKDB_STORAGE_VERSION, TRACKS_TABLE, writeTracksDuckdb } from "../src/output/duckdb-file.ts";
import { PARQUET_COLUMNS } from "../src/output/parquet.ts";
import {
  CORE_CATALOG,
  CORE_COLUMNS,
  CORE_TABLE,
  ID_COLUMNS,
  IDS_CATALOG,
  IDS_TABLE,
  OTHER_RECORDING_ID,
  TRACK_FIRST_ROW,
  TRACK_IDS_PENDING,
  TRACKS_VIEW_COLUMNS,
  tracksViewSql,
} from "../src/output/tracks-view.ts";
import { runPipeline } from "../src/pipeline.ts";
import { CLEANED_PARQUET, TRACK_IDS_DUCKDB, TRACKS_DUCKDB } from "../src/results/index.ts";
import { datasetCsv, fixtureDir, located, track } from "./support/fixture.ts";
import { createTracksTable } from "./support/tables.ts";

// Names with quotes, commas and markup survive the round trip; one row is cleaned away (too short); one
// track is listed under a second genre, and one recording has a second track ID.
const rows = [
  ...Array.from({ length: 30 }, (_, i) => track(i)),
  track(30, { track_name: `Say "Hi", <b>&</b>` }),
  track(31, { duration_ms: 12_000 }),
  { ...track(3, { track_genre: "pop" }), row_index: 32 },
  { ...track(4), row_index: 33, track_id: "U000000000000000000004" },
];

describe("the tracks.duckdb and track-ids.duckdb outputs", () => {
  const fixture = fixtureDir("spotiflies-duckdb-file-");
  const outDir = join(fixture.dir, "output");
  let instance: DuckDBInstance;
  let db: DuckDBConnection;
  const all = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJS();

  beforeAll(async () => {
    await runPipeline({ outDir, dataset: located(fixture.write("tracks.csv", datasetCsv(rows))) });
    instance = await DuckDBInstance.create(":memory:", { threads: "1" });
    db = await instance.connect();
    // Attached and viewed as the browser does (the site's widgets/duckdb/instance.ts).
    await db.run(`ATTACH ${sqlString(join(outDir, TRACKS_DUCKDB))} AS ${CORE_CATALOG} (READ_ONLY)`);
    await db.run(
      `CREATE VIEW parquet AS SELECT * FROM read_parquet(${sqlString(join(outDir, CLEANED_PARQUET))})`,
    );
  });
  afterAll(() => {
    db?.closeSync();
    instance?.closeSync();
    fixture.cleanup();
  });

  it("the view's columns are the Parquet's, in order, and the first file holds them less the IDs", async () => {
    expect(TRACKS_VIEW_COLUMNS).toEqual(PARQUET_COLUMNS);
    const coreColumns = await all(`SELECT column_name FROM (DESCRIBE ${CORE_CATALOG}.${CORE_TABLE})`);
    expect(coreColumns.map((c) => c.column_name)).toEqual(CORE_COLUMNS);
    for (const id of ID_COLUMNS) expect(CORE_COLUMNS).not.toContain(id);
  });

  it("before the IDs are attached, the view has every column, and reading an ID fails with a known message", async () => {
    await db.run(tracksViewSql({ ids: false }));
    const viewColumns = await all(`DESCRIBE ${TRACKS_TABLE}`);
    const parquetColumns = await all("DESCRIBE parquet");
    expect(viewColumns.map((c) => [c.column_name, c.column_type])).toEqual(
      parquetColumns.map((c) => [c.column_name, c.column_type]),
    );
    const [early] = await all(
      `SELECT count(*)::INTEGER AS n, sum(popularity)::INTEGER AS p FROM ${TRACKS_TABLE} WHERE track_genre <> ''`,
    );
    const [parquet] = await all(
      `SELECT count(*)::INTEGER AS n, sum(popularity)::INTEGER AS p FROM parquet WHERE track_genre <> ''`,
    );
    expect(early).toEqual(parquet);
    for (const sql of [
      `SELECT * FROM ${TRACKS_TABLE}`,
      `SELECT count(DISTINCT track_id) FROM ${TRACKS_TABLE}`,
      `SELECT recording_id FROM ${TRACKS_TABLE} LIMIT 1`,
      `SELECT t FROM ${TRACKS_TABLE} AS t LIMIT 1`,
    ])
      await expect(all(sql), sql).rejects.toThrow(TRACK_IDS_PENDING);
  });

  it("with the IDs attached, the view holds exactly the Parquet's rows, in file order", async () => {
    await db.run(`ATTACH ${sqlString(join(outDir, TRACK_IDS_DUCKDB))} AS ${IDS_CATALOG} (READ_ONLY)`);
    await db.run(tracksViewSql({ ids: true }));
    const viewColumns = await all(`DESCRIBE ${TRACKS_TABLE}`);
    const parquetColumns = await all("DESCRIBE parquet");
    expect(viewColumns.map((c) => [c.column_name, c.column_type])).toEqual(
      parquetColumns.map((c) => [c.column_name, c.column_type]),
    );
    const [counts] = await all(
      `SELECT (SELECT count(*) FROM ${TRACKS_TABLE})::INTEGER AS file, (SELECT count(*) FROM parquet)::INTEGER AS parquet`,
    );
    // 34 generated rows, one too short to keep.
    expect(counts).toEqual({ file: 33, parquet: 33 });
    const [differences] = await all(
      `SELECT (SELECT count(*) FROM (SELECT * FROM ${TRACKS_TABLE} EXCEPT ALL SELECT * FROM parquet))::INTEGER AS extra,
              (SELECT count(*) FROM (SELECT * FROM parquet EXCEPT ALL SELECT * FROM ${TRACKS_TABLE}))::INTEGER AS missing`,
    );
    expect(differences).toEqual({ extra: 0, missing: 0 });
    const order = async (table: string) =>
      (await all(`SELECT track_id, track_genre FROM ${table}`)).map((r) => `${r.track_id}/${r.track_genre}`);
    expect(await order(TRACKS_TABLE)).toEqual(await order("parquet"));
    expect(await all(`SELECT track_name FROM ${TRACKS_TABLE} WHERE track_name LIKE 'Say%'`)).toEqual([
      { track_name: `Say "Hi", <b>&</b>` },
    ]);
  });

  it("keys each track ID once, by the rowid of its first row, and stores only other recordings' IDs", async () => {
    const [keys] = await all(
      `SELECT count(*)::INTEGER AS n, count(DISTINCT track_id)::INTEGER AS ids,
              count(DISTINCT track_key)::INTEGER AS keys, count(${OTHER_RECORDING_ID})::INTEGER AS others
       FROM ${IDS_CATALOG}.${IDS_TABLE}`,
    );
    const [parquet] = await all(
      `SELECT count(DISTINCT track_id)::INTEGER AS ids,
              count(DISTINCT track_id) FILTER (WHERE recording_id <> track_id)::INTEGER AS others FROM parquet`,
    );
    const ids = parquet?.ids;
    expect(keys).toEqual({ n: ids, ids, keys: ids, others: parquet?.others });
    // The fixture's repeated track and shared recording are there.
    expect([ids, parquet?.others]).toEqual([32, 1]);
    // A track's first row has no TRACK_FIRST_ROW; its later rows name that row.
    const [firsts] = await all(
      `SELECT count(*) FILTER (WHERE ${TRACK_FIRST_ROW} IS NULL)::INTEGER AS firsts,
              count(*) FILTER (WHERE ${TRACK_FIRST_ROW} >= rowid)::INTEGER AS forward
       FROM ${CORE_CATALOG}.${CORE_TABLE}`,
    );
    expect(firsts).toEqual({ firsts: ids, forward: 0 });
  });

  it.each([TRACKS_DUCKDB, TRACK_IDS_DUCKDB])(
    `%s is written in storage format ${DUCKDB_STORAGE_VERSION}, the newest DuckDB-WASM 1.32 reads`,
    async (file) => {
      const alias = file === TRACKS_DUCKDB ? CORE_CATALOG : IDS_CATALOG;
      if (
        file === TRACK_IDS_DUCKDB &&
        (await all(`SELECT 1 FROM duckdb_databases() WHERE database_name = '${alias}'`)).length === 0
      )
        await db.run(`ATTACH ${sqlString(join(outDir, TRACK_IDS_DUCKDB))} AS ${IDS_CATALOG} (READ_ONLY)`);
      expect(
        await all(`SELECT tags::VARCHAR AS tags FROM duckdb_databases() WHERE database_name = '${alias}'`),
      ).toEqual([{ tags: `{storage_version=${DUCKDB_STORAGE_VERSION}+}` }]);
      // The header's format number (v1.3.0's is 66): DuckDB-WASM 1.32 reads 64 to 67 ("can only read versions
      // between 64 and 67").
      const header = readFileSync(join(outDir, file)).subarray(0, 20);
      expect(header.subarray(8, 12).toString("latin1")).toBe("DUCK");
      expect(header.readBigUInt64LE(12)).toBe(66n);
    },
  );

  it("leaves no write-ahead log beside either", async () => {
    for (const file of [TRACKS_DUCKDB, TRACK_IDS_DUCKDB])
      expect(() => readFileSync(join(outDir, `${file}.wal`))).toThrow(/ENOENT/);
  });
});

describe("writeTracksDuckdb", () => {
  it("writes byte-identical files from the same table, run after run", async () => {
    // Two whole builds of the same data, their files compared byte for byte, headers included. The process
    // that writes them is where the unwritten bytes of DICT_FSST and ALP segments are zeroed; its own test
    // (duckdb-files-process.test.ts) writes a table large enough for that to matter.
    const fixture = fixtureDir("spotiflies-duckdb-bytes-");
    try {
      const dataset = located(
        fixture.write("tracks.csv", datasetCsv(Array.from({ length: 3000 }, (_, i) => track(i)))),
      );
      const outputs = ["first", "second"].map((name) => join(fixture.dir, name));
      for (const out of outputs) await runPipeline({ outDir: out, dataset });
      for (const file of [TRACKS_DUCKDB, TRACK_IDS_DUCKDB]) {
        const [first, second] = outputs.map((out) => readFileSync(join(out, file)));
        expect(first?.length, file).toBeGreaterThan(0);
        expect(first?.equals(second as Buffer), `${file} differs between two writes`).toBe(true);
      }
    } finally {
      fixture.cleanup();
    }
  }, 60_000);

  it("refuses a table not stored in row_index order, as rows are matched to their keys by position", async () => {
    const fixture = fixtureDir("spotiflies-duckdb-order-");
    const db = await openDatabase();
    try {
      await createTracksTable(db, [track(0), track(1), track(2)]);
      await db.run(
        "CREATE TABLE shuffled AS SELECT *, track_genre AS super_genre, track_id AS recording_id FROM raw_tracks ORDER BY row_index DESC",
      );
      await expect(writeTracksDuckdb(db, "shuffled", fixture.dir)).rejects.toThrow(
        /tracks\.duckdb: the cleaned table is not stored in row_index order/,
      );
      // The same rows in row_index order are written.
      await db.run("CREATE TABLE ordered AS SELECT * FROM shuffled ORDER BY row_index");
      const out = join(fixture.dir, "ordered");
      mkdirSync(out);
      await writeTracksDuckdb(db, "ordered", out);
    } finally {
      db.closeSync();
      fixture.cleanup();
    }
  });
});
