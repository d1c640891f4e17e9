import type { DuckDBConnection } from "@duckdb/node-api";
import { DESCRIBED_COLUMNS } from "../columns.ts";
import { queryRows, sqlIdent } from "../db.ts";
import type { DescribeResult } from "../results/schemas.ts";

/**
 * pandas' `describe()` for every numeric column: sample standard deviation (ddof = 1) and quartiles
 * by linear interpolation between order statistics (DuckDB's `quantile_cont`, pandas' default).
 */
export async function describe(db: DuckDBConnection, table: string): Promise<DescribeResult> {
  const columns = [];
  for (const name of DESCRIBED_COLUMNS) {
    const c = `${sqlIdent(name)}::DOUBLE`;
    // The three quartiles from one quantile_cont (one selection over the column's values instead of three).
    const [row] = await queryRows<
      Omit<DescribeResult["columns"][number], "q25" | "q50" | "q75"> & { q: number[] }
    >(
      db,
      `SELECT '${name}' AS column, count(${c})::INTEGER AS count, avg(${c}) AS mean, stddev_samp(${c}) AS std,
              min(${c}) AS min, quantile_cont(${c}, [0.25, 0.5, 0.75]) AS q, max(${c}) AS max
       FROM ${table}`,
    );
    if (row) {
      const { q, max, ...rest } = row;
      columns.push({ ...rest, q25: q[0] as number, q50: q[1] as number, q75: q[2] as number, max });
    }
  }
  return { rows: columns[0]?.count ?? 0, columns };
}
