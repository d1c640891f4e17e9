import type { DuckDBConnection } from "@duckdb/node-api";
import { DATASET_COLUMNS } from "../columns.ts";
import { sqlIdent, sqlString } from "../db.ts";

type DatasetColumn = (typeof DATASET_COLUMNS)[number];

/** Where DuckDB's `store_rejects` writes the rows it could not read (temporary tables, emptied around each load). */
export const REJECTS_TABLE = "load_reject_errors";
const REJECTS_SCAN_TABLE = "load_reject_scans";

/**
 * Creates `table` from the CSV, skipping (and recording in `REJECTS_TABLE`) rows DuckDB cannot read.
 * The header line is skipped unread: check it first.
 */
export async function createFromCsv(db: DuckDBConnection, table: string, path: string): Promise<void> {
  await dropRejectTables(db);
  const columns = DATASET_COLUMNS.map(
    (column) => `${sqlString(column.name)}: ${sqlString(readType(column))}`,
  );
  await db.run(
    `CREATE TABLE ${sqlIdent(table)} AS SELECT ${DATASET_COLUMNS.map(projection).join(", ")}
     FROM read_csv(${sqlString(path)}, header = true, auto_detect = false, columns = {${columns.join(", ")}},
       delim = ',', quote = '"', escape = '"', store_rejects = true,
       rejects_table = ${sqlString(REJECTS_TABLE)}, rejects_scan = ${sqlString(REJECTS_SCAN_TABLE)})`,
  );
}

export async function dropRejectTables(db: DuckDBConnection): Promise<void> {
  // Rejects accumulate across scans in the same tables, so each load starts from none.
  await db.run(`DROP TABLE IF EXISTS temp.main.${sqlIdent(REJECTS_TABLE)}`);
  await db.run(`DROP TABLE IF EXISTS temp.main.${sqlIdent(REJECTS_SCAN_TABLE)}`);
}

/**
 * DuckDB's casts are looser than the file's format: VARCHAR → BIGINT rounds "1.5" to 2, and BOOLEAN
 * takes "yes", "t" or "1". So integers are read as DOUBLE and booleans as text, and `projection` turns
 * anything outside the format into NULL, which the non-null check then reports with its position.
 */
function readType(column: DatasetColumn): string {
  if (column.type === "BIGINT") return "DOUBLE";
  if (column.type === "BOOLEAN") return "VARCHAR";
  return column.type;
}

// 2^53: beyond it a DOUBLE no longer holds every integer exactly.
const MAX_EXACT_INTEGER = 9007199254740992;

function projection(column: DatasetColumn): string {
  const name = sqlIdent(column.name);
  switch (column.type) {
    case "BIGINT":
      return `CASE WHEN isfinite(${name}) AND ${name} = trunc(${name}) AND abs(${name}) < ${MAX_EXACT_INTEGER}
        THEN CAST(${name} AS BIGINT) END AS ${name}`;
    case "DOUBLE":
      return `CASE WHEN isfinite(${name}) THEN ${name} END AS ${name}`;
    case "BOOLEAN":
      return `CASE ${name} WHEN 'True' THEN true WHEN 'False' THEN false END AS ${name}`;
    default:
      return name;
  }
}
