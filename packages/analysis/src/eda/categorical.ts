import type { DuckDBConnection } from "@duckdb/node-api";
import { explicitLabel, MODE_NAMES, PITCH_NAMES, timeSignatureLabel } from "../categories.ts";
import { queryRows, sqlIdent } from "../db.ts";
import type { CategoricalResult } from "../results/schemas.ts";

async function distribution<V extends number | boolean>(
  db: DuckDBConnection,
  table: string,
  column: string,
  label: (value: V) => string,
) {
  const rows = await queryRows<{ value: V; count: number; share: number }>(
    db,
    `SELECT ${sqlIdent(column)} AS value, count(*)::INTEGER AS count, count(*) / sum(count(*)) OVER () AS share
     FROM ${table} GROUP BY ALL ORDER BY value`,
  );
  return rows.map((row) => ({
    value: row.value,
    label: label(row.value),
    count: row.count,
    share: row.share,
  }));
}

/** Distributions of the categorical columns, with readable labels (pitch names for key). */
export async function categorical(db: DuckDBConnection, table: string): Promise<CategoricalResult> {
  const key = await distribution<number>(db, table, "key", (v) => PITCH_NAMES[v] ?? `key ${v}`);
  return {
    rows: key.reduce((sum, category) => sum + category.count, 0),
    key,
    mode: await distribution<number>(db, table, "mode", (v) => MODE_NAMES[v] ?? `mode ${v}`),
    time_signature: await distribution<number>(db, table, "time_signature", timeSignatureLabel),
    explicit: await distribution<boolean>(db, table, "explicit", explicitLabel),
  };
}
