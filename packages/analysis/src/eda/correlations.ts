import type { DuckDBConnection } from "@duckdb/node-api";
import { NUMERIC_FEATURES } from "../columns.ts";
import { queryRows } from "../db.ts";
import type { CorrelationsResult } from "../results/schemas.ts";

/**
 * The correlation matrix as one readable query: a row per feature, with its correlation with every feature
 * (DuckDB's `COLUMNS(*)` names each column after the feature it pairs with). It is the figure's data table
 * as a reader reruns it in the report's SQL console, where the cleaned table is also called `tracks`.
 */
export function correlationsSql(table: string): string {
  const rows = NUMERIC_FEATURES.map(
    (f, i) => `SELECT ${i} AS i, '${f}' AS feature, corr(${f}, COLUMNS(*)) FROM features`,
  );
  return [
    `WITH features AS (SELECT ${NUMERIC_FEATURES.join(", ")} FROM ${table})`,
    `SELECT * EXCLUDE (i) FROM (\n  ${rows.join("\n  UNION ALL ")}\n)`,
    "ORDER BY i;",
  ].join("\n");
}

/** Pearson correlation of every pair of numeric features (the seed's heatmap). */
export async function correlations(db: DuckDBConnection, table: string): Promise<CorrelationsResult> {
  const columns = [...NUMERIC_FEATURES];
  const sql = correlationsSql(table);
  const rows = await queryRows<Record<string, number | string>>(db, sql);
  const [counted] = await queryRows<{ n: number }>(db, `SELECT count(*)::INTEGER AS n FROM ${table}`);
  if (!counted || counted.n === 0) throw new Error(`no rows in ${table}`);
  const byFeature = new Map(rows.map((row) => [row.feature, row]));
  const at = (i: number, j: number) => {
    const value = byFeature.get(columns[i] as string)?.[columns[j] as string];
    if (typeof value !== "number") throw new Error(`no correlation of ${columns[i]} with ${columns[j]}`);
    return value;
  };
  // corr(a, b) and corr(b, a) can differ in the last bit, and corr(a, a) can miss 1 by one: mirror the upper
  // triangle and set the diagonal, so the matrix is exactly symmetric with a unit diagonal.
  const matrix = columns.map((_, i) => columns.map((_, j) => (i === j ? 1 : i < j ? at(i, j) : at(j, i))));
  return { sql, method: "pearson", rows: counted.n, columns, matrix };
}
