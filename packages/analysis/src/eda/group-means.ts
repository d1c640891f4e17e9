import type { DuckDBConnection } from "@duckdb/node-api";
import { NUMERIC_FEATURES } from "../columns.ts";
import { queryRows, sqlIdent } from "../db.ts";

export interface GroupMeans {
  group: string;
  rows: number;
  means: Record<string, number>;
}

/** Mean of every numeric feature per value of `groupColumn`, groups in alphabetical order. */
export async function groupMeans(
  db: DuckDBConnection,
  table: string,
  groupColumn: string,
): Promise<GroupMeans[]> {
  const averages = NUMERIC_FEATURES.map((f) => `avg(${sqlIdent(f)}::DOUBLE) AS ${sqlIdent(f)}`).join(", ");
  const rows = await queryRows<Record<string, number | string>>(
    db,
    `SELECT ${sqlIdent(groupColumn)} AS "group", count(*)::INTEGER AS "rows", ${averages}
     FROM ${table} GROUP BY ALL ORDER BY "group"`,
  );
  return rows.map((row) => ({
    group: row.group as string,
    rows: row.rows as number,
    means: Object.fromEntries(NUMERIC_FEATURES.map((f) => [f, row[f] as number])),
  }));
}
