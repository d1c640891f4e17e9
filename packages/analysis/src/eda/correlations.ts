import type { DuckDBConnection } from "@duckdb/node-api";
import { NUMERIC_FEATURES } from "../columns.ts";
import { queryRows, sqlIdent } from "../db.ts";
import type { CorrelationsResult } from "../results/schemas.ts";

/** Pearson correlation of every pair of numeric features (the seed's heatmap). */
export async function correlations(db: DuckDBConnection, table: string): Promise<CorrelationsResult> {
  const columns = [...NUMERIC_FEATURES];
  const cells: string[] = [];
  for (const [i, a] of columns.entries()) {
    for (const [j, b] of columns.entries()) {
      cells.push(
        i === j ? `1.0::DOUBLE AS c_${i}_${j}` : `corr(${sqlIdent(a)}, ${sqlIdent(b)}) AS c_${i}_${j}`,
      );
    }
  }
  const [row] = await queryRows<Record<string, number>>(
    db,
    `SELECT count(*)::INTEGER AS n, ${cells.join(", ")} FROM ${table}`,
  );
  if (!row) throw new Error(`no rows in ${table}`);
  // corr(a, b) and corr(b, a) can differ in the last bit; mirror the upper triangle so the matrix is exactly symmetric.
  const matrix = columns.map((_, i) =>
    columns.map((_, j) => (i <= j ? row[`c_${i}_${j}`] : row[`c_${j}_${i}`]) as number),
  );
  return { method: "pearson", rows: row.n as number, columns, matrix };
}
