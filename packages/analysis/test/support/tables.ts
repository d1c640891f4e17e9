import type { DuckDBConnection } from "@duckdb/node-api";
import { DATASET_COLUMNS } from "../../src/columns.ts";
import type { TrackRow } from "./fixture.ts";

function literal(value: string | number | boolean | null): string {
  if (value === null) return "NULL";
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === "boolean") return value ? "true" : "false";
  return `${value}::DOUBLE`;
}

/**
 * Creates a `raw_tracks`-shaped table straight from fixture rows with INSERT … VALUES, so the
 * cleaning, quality and EDA tests do not depend on the CSV loader.
 */
export async function createTracksTable(
  db: DuckDBConnection,
  rows: readonly TrackRow[],
  table = "raw_tracks",
) {
  const columns = DATASET_COLUMNS.map((column) => `"${column.name}" ${column.type}`).join(", ");
  await db.run(`CREATE OR REPLACE TABLE ${table} (${columns})`);
  if (rows.length === 0) return;
  const values = rows
    .map((row) => `(${DATASET_COLUMNS.map((column) => literal(row[column.name])).join(", ")})`)
    .join(",\n");
  await db.run(`INSERT INTO ${table} VALUES ${values}`);
}
