import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { DATASET_COLUMNS } from "../../src/columns.ts";
import { openDatabase, queryRows } from "../../src/db.ts";
import { DatasetFormatError, loadTracks } from "../../src/load/index.ts";
import {
  csvLine,
  csvLineWith,
  datasetCsv,
  datasetCsvLines,
  fixtureDir,
  HEADER_LINE,
  track,
  tracks,
} from "../support/fixture.ts";

// Line numbers below are counted by hand from how each fixture is built: the header is line 1 and,
// unless a case says otherwise, track i is on line i + 2.
const fixtures = fixtureDir("spotiflies-load-bad-");
afterAll(() => fixtures.cleanup());

const rows = tracks(6);
const lines = rows.map(csvLine);
const headerWith = (edit: (names: string[]) => string[]) =>
  edit(DATASET_COLUMNS.map((column) => column.header)).join(",");
/** The six tracks' lines with line `index` (0-based, i.e. track `index`) replaced. */
const replaced = (index: number, line: string) =>
  lines.map((original, at) => (at === index ? line : original));
const twoLine = track(1, { track_name: "Line one\nLine two" });

interface BadCase {
  name: string;
  content: string | undefined; // undefined: the file is not written at all
  line: number | undefined;
  column: number | undefined;
  columnName: string | undefined;
  reason: RegExp;
  otherBadRows?: number;
}

const cases: BadCase[] = [
  {
    name: "file not found",
    content: undefined,
    line: undefined,
    column: undefined,
    columnName: undefined,
    reason: /^file not found$/,
  },
  {
    name: "empty file (0 bytes)",
    content: "",
    line: undefined,
    column: undefined,
    columnName: undefined,
    reason: /empty/,
  },
  {
    name: "header only",
    content: datasetCsv([]),
    line: undefined,
    column: undefined,
    columnName: undefined,
    reason: /no data rows/,
  },
  {
    name: "header only, without a final newline",
    content: HEADER_LINE,
    line: undefined,
    column: undefined,
    columnName: undefined,
    reason: /no data rows/,
  },
  {
    // danceability (9th) renamed to energy (10th): a repeated name, not a missing danceability.
    name: "duplicate header name",
    content: datasetCsv(rows, {
      header: headerWith((names) => names.map((name) => (name === "danceability" ? "energy" : name))),
    }),
    line: 1,
    column: 10,
    columnName: undefined,
    reason: /^the header names column "energy" twice \(columns 9 and 10\)$/,
  },
  {
    // track 3 is on line 5; track_name is the 5th field.
    name: "a NUL byte inside a value",
    content: datasetCsvLines(replaced(3, csvLineWith(track(3), { track_name: "Nul\u0000here" }))),
    line: 5,
    column: 5,
    columnName: "track_name",
    reason: /^a NUL byte \(0x00\)/,
  },
  {
    // The header check reads it first: a header field with a NUL is a misnamed column.
    name: "a NUL byte in the header",
    content: datasetCsv(rows, {
      header: headerWith((names) => names.map((n) => (n === "tempo" ? "tem\u0000po" : n))),
    }),
    line: 1,
    column: 19,
    columnName: "tempo",
    reason: /^the header names this column "tem\\u0000po", expected "tempo"$/,
  },
  {
    // energy is the 10th header field; the header check runs before any row is read.
    name: "missing column",
    content: datasetCsv(rows, { header: headerWith((names) => names.filter((name) => name !== "energy")) }),
    line: 1,
    column: 10,
    columnName: "energy",
    reason: /no "energy" column/,
  },
  {
    name: "missing last column",
    content: datasetCsv(rows, { header: headerWith((names) => names.slice(0, 20)) }),
    line: 1,
    column: 21,
    columnName: "track_genre",
    reason: /no "track_genre" column/,
  },
  {
    // Inserted after track_name (field 5), so it is field 6.
    name: "extra column in the middle",
    content: datasetCsv(rows, {
      header: headerWith((names) => [...names.slice(0, 5), "comment", ...names.slice(5)]),
    }),
    line: 1,
    column: 6,
    columnName: undefined,
    reason: /unexpected extra column "comment"/,
  },
  {
    name: "extra column at the end",
    content: datasetCsv(rows, { header: `${HEADER_LINE},comment` }),
    line: 1,
    column: 22,
    columnName: undefined,
    reason: /unexpected extra column "comment"/,
  },
  {
    name: "misnamed column",
    content: datasetCsv(rows, { header: HEADER_LINE.replace("danceability", "danceabilty") }),
    line: 1,
    column: 9,
    columnName: "danceability",
    reason: /"danceabilty", expected "danceability"/,
  },
  {
    name: "named index column",
    content: datasetCsv(rows, { header: `Unnamed: 0${HEADER_LINE}` }),
    line: 1,
    column: 1,
    columnName: "row_index",
    reason: /"Unnamed: 0", expected ""/,
  },
  {
    name: "non-numeric cell in a DOUBLE column",
    content: datasetCsvLines(replaced(3, csvLineWith(track(3), { danceability: "abc" }))),
    line: 5,
    column: 9,
    columnName: "danceability",
    reason: /^cannot read "abc" as DOUBLE$/,
  },
  {
    name: "non-numeric cell in a BIGINT column",
    content: datasetCsvLines(replaced(0, csvLineWith(track(0), { popularity: "high" }))),
    line: 2,
    column: 6,
    columnName: "popularity",
    reason: /^cannot read "high" as BIGINT$/,
  },
  {
    // DuckDB itself would round 1.5 to 2.
    name: "fraction in a BIGINT column",
    content: datasetCsvLines(replaced(2, csvLineWith(track(2), { duration_ms: "1.5" }))),
    line: 4,
    column: 7,
    columnName: "duration_ms",
    reason: /^cannot read "1.5" as BIGINT \(expected a whole number\)$/,
  },
  {
    name: "NaN in a DOUBLE column",
    content: datasetCsvLines(replaced(4, csvLineWith(track(4), { tempo: "nan" }))),
    line: 6,
    column: 19,
    columnName: "tempo",
    reason: /^cannot read "nan" as DOUBLE \(expected a finite number\)$/,
  },
  {
    name: "other text in the True/False column",
    content: datasetCsvLines(replaced(2, csvLineWith(track(2), { explicit: "maybe" }))),
    line: 4,
    column: 8,
    columnName: "explicit",
    reason: /^cannot read "maybe" as BOOLEAN \(expected True or False\)$/,
  },
  {
    // DuckDB's BOOLEAN cast takes "yes"; the file's format does not.
    name: "yes in the True/False column",
    content: datasetCsvLines(replaced(5, csvLineWith(track(5), { explicit: "yes" }))),
    line: 7,
    column: 8,
    columnName: "explicit",
    reason: /^cannot read "yes" as BOOLEAN/,
  },
  {
    name: "empty cell in a numeric column",
    content: datasetCsvLines(replaced(2, csvLineWith(track(2), { energy: "" }))),
    line: 4,
    column: 10,
    columnName: "energy",
    reason: /^empty value/,
  },
  {
    name: "empty cell in a non-nullable text column",
    content: datasetCsvLines(replaced(3, csvLineWith(track(3), { track_genre: "" }))),
    line: 5,
    column: 21,
    columnName: "track_genre",
    reason: /^empty value/,
  },
  {
    name: "quoted empty cell in a non-nullable text column",
    content: datasetCsvLines(replaced(1, csvLineWith(track(1), { track_id: '""' }))),
    line: 3,
    column: 2,
    columnName: "track_id",
    reason: /^empty value/,
  },
  {
    // Track 5 cut after its 12th field (loudness), with no final newline: field 13 (mode) is missing.
    name: "truncated last line",
    content: datasetCsvLines(replaced(5, (lines[5] as string).split(",").slice(0, 12).join(",")), {
      trailingNewline: false,
    }),
    line: 7,
    column: 13,
    columnName: "mode",
    reason: /only 12 of 21 fields/,
  },
  {
    name: "too many fields",
    content: datasetCsvLines(replaced(1, `${lines[1]},surplus`)),
    line: 3,
    column: 22,
    columnName: undefined,
    reason: /22 fields, expected 21/,
  },
  {
    // The quote opened in track 4's name (field 5) is never closed, so it runs to the end of the file.
    name: "unterminated quote",
    content: datasetCsvLines(replaced(4, csvLineWith(track(4), { track_name: '"Unclosed, name' }))),
    line: 6,
    column: 5,
    columnName: "track_name",
    reason: /quoted value is not closed/,
  },
  {
    name: "text after a closing quote",
    content: datasetCsvLines(replaced(2, csvLineWith(track(2), { album_name: '"Album"x' }))),
    line: 4,
    column: 4,
    columnName: "album_name",
    reason: /quoted value is not closed/,
  },
  {
    // Track 1's name spans lines 3 and 4, so track 3 is on line 6.
    name: "bad cell after a quoted multi-line value",
    content: datasetCsvLines([
      lines[0] as string,
      csvLine(twoLine),
      lines[2] as string,
      csvLineWith(track(3), { danceability: "abc" }),
    ]),
    line: 6,
    column: 9,
    columnName: "danceability",
    reason: /cannot read "abc"/,
  },
  {
    // Track 1 starts on line 3; its name spans lines 3-4, so its energy field sits on line 4.
    name: "bad cell in the same record, after its multi-line value",
    content: datasetCsvLines([lines[0] as string, csvLineWith(twoLine, { energy: "abc" })]),
    line: 4,
    column: 10,
    columnName: "energy",
    reason: /cannot read "abc" as DOUBLE/,
  },
  {
    name: "empty cell in the same record, after its multi-line value",
    content: datasetCsvLines([lines[0] as string, csvLineWith(twoLine, { tempo: "" }), lines[2] as string]),
    line: 4,
    column: 19,
    columnName: "tempo",
    reason: /^empty value/,
  },
  {
    // Track 1 starts on line 3, its name runs onto line 4, and the file ends after its 10th field.
    name: "truncated last record with a multi-line value",
    content: datasetCsvLines([lines[0] as string, csvLine(twoLine).split(",").slice(0, 10).join(",")], {
      trailingNewline: false,
    }),
    line: 4,
    column: 11,
    columnName: "key",
    reason: /only 10 of 21 fields/,
  },
  {
    // A blank line after track 1 (line 4) pushes tracks 2 and 3 to lines 5 and 6.
    name: "bad cell after a blank line",
    content: datasetCsvLines([
      ...lines.slice(0, 2),
      "",
      lines[2] as string,
      csvLineWith(track(3), { speechiness: "?" }),
    ]),
    line: 6,
    column: 14,
    columnName: "speechiness",
    reason: /cannot read "\?"/,
  },
  {
    name: "bad cell in a CRLF file",
    content: datasetCsvLines(replaced(3, csvLineWith(track(3), { valence: "x" })), { eol: "\r\n" }),
    line: 5,
    column: 18,
    columnName: "valence",
    reason: /^cannot read "x" as DOUBLE$/,
  },
  {
    name: "empty cell in a BOM + CRLF file",
    content: datasetCsvLines(replaced(4, csvLineWith(track(4), { key: "" })), { eol: "\r\n", bom: true }),
    line: 6,
    column: 11,
    columnName: "key",
    reason: /^empty value/,
  },
  {
    name: "truncated last line in a CRLF file",
    content: datasetCsvLines(replaced(5, (lines[5] as string).split(",").slice(0, 3).join(",")), {
      eol: "\r\n",
    }),
    line: 7,
    column: 4,
    columnName: "album_name",
    reason: /only 3 of 21 fields/,
  },
  {
    // Both kinds of problem: a cell DuckDB loads but we reject (line 3), then a row DuckDB rejects (line 6).
    name: "first of several errors: an empty cell before a rejected row",
    content: datasetCsvLines([
      lines[0] as string,
      csvLineWith(track(1), { liveness: "" }),
      ...lines.slice(2, 4),
      `${lines[4]},surplus`,
      csvLineWith(track(5), { energy: "" }),
    ]),
    line: 3,
    column: 17,
    columnName: "liveness",
    reason: /^empty value/,
    otherBadRows: 2,
  },
  {
    name: "first of several errors: a rejected row before an empty cell",
    content: datasetCsvLines([
      lines[0] as string,
      csvLineWith(track(1), { loudness: "loud" }),
      csvLineWith(track(2), { time_signature: "" }),
      ...lines.slice(3),
    ]),
    line: 3,
    column: 12,
    columnName: "loudness",
    reason: /cannot read "loud" as DOUBLE/,
    otherBadRows: 1,
  },
  {
    name: "first of several errors in one row: the lowest column",
    content: datasetCsvLines(replaced(2, csvLineWith(track(2), { tempo: "fast", energy: "high" }))),
    line: 4,
    column: 10,
    columnName: "energy",
    reason: /cannot read "high"/,
  },
];

async function tableNames(db: DuckDBConnection): Promise<string[]> {
  const tables = await queryRows<{ name: string }>(db, "SELECT table_name AS name FROM duckdb_tables()");
  return tables.map((table) => table.name);
}

async function loadError(db: DuckDBConnection, path: string): Promise<DatasetFormatError> {
  try {
    await loadTracks(db, path);
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetFormatError);
    return error as DatasetFormatError;
  }
  throw new Error(`loadTracks accepted ${path}`);
}

describe("loadTracks rejects malformed files", () => {
  it.each(cases.map((testCase, index) => ({ ...testCase, index })))("$name", async (testCase) => {
    const file = `case-${testCase.index}.csv`;
    const path =
      testCase.content === undefined ? join(fixtures.dir, file) : fixtures.write(file, testCase.content);
    const db = await openDatabase();
    const error = await loadError(db, path);

    expect(error.file).toBe(path);
    expect(error.line).toBe(testCase.line);
    expect(error.column).toBe(testCase.column);
    expect(error.columnName).toBe(testCase.columnName);
    expect(error.reason).toMatch(testCase.reason);
    expect(error.otherBadRows).toBe(testCase.otherBadRows ?? 0);
    // Nothing half-loaded: neither the table nor DuckDB's reject tables are left behind.
    expect(await tableNames(db)).toEqual([]);
    db.closeSync();
  });

  it("writes file, line, column number and name, and the problem into the message", async () => {
    const path = fixtures.write(
      "message.csv",
      datasetCsvLines(replaced(3, csvLineWith(track(3), { danceability: "abc" }))),
    );
    const error = await loadError(await openDatabase(), path);
    expect(error.message).toBe(`${path}, line 5, column 9 (danceability): cannot read "abc" as DOUBLE`);
  });

  it("says how many other rows are bad", async () => {
    const bad = (row: number) => csvLineWith(track(row), { mode: "minor" });
    const path = fixtures.write("several.csv", datasetCsvLines([lines[0] as string, bad(1), bad(2), bad(3)]));
    const error = await loadError(await openDatabase(), path);
    expect(error.message).toBe(
      `${path}, line 3, column 13 (mode): cannot read "minor" as BIGINT (and 2 more bad rows after it)`,
    );
  });

  it("drops a table loaded earlier when a later load fails", async () => {
    const db = await openDatabase();
    await loadTracks(db, fixtures.write("good.csv", datasetCsv(rows)));
    expect(await tableNames(db)).toEqual(["raw_tracks"]);
    await loadError(db, fixtures.write("bad.csv", datasetCsvLines([`${lines[0]},surplus`])));
    expect(await tableNames(db)).toEqual([]);
  });

  it("leaves other tables alone and honours a custom table name", async () => {
    const db = await openDatabase();
    await db.run("CREATE TABLE keep AS SELECT 1 AS x");
    const path = fixtures.write("custom.csv", datasetCsvLines([csvLineWith(track(0), { key: "C#" })]));
    await expect(loadTracks(db, path, { table: "tracks_custom" })).rejects.toThrow(DatasetFormatError);
    expect(await tableNames(db)).toEqual(["keep"]);
  });
});
