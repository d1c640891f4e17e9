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
    const [row] = await queryRows<DescribeResult["columns"][number]>(
      db,
      `SELECT '${name}' AS column, count(${c})::INTEGER AS count, avg(${c}) AS mean, stddev_samp(${c}) AS std,
              min(${c}) AS min, quantile_cont(${c}, 0.25) AS q25, quantile_cont(${c}, 0.5) AS q50,
              quantile_cont(${c}, 0.75) AS q75, max(${c}) AS max
       FROM ${table}`,
    );
    if (row) columns.push(row);
  }
  return { rows: columns[0]?.count ?? 0, columns };
}
