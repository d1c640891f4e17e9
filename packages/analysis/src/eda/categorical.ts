import type { DuckDBConnection } from "@duckdb/node-api";
import { explicitLabel, MODE_NAMES, PITCH_NAMES, timeSignatureLabel } from "../categories.ts";
import { queryRows } from "../db.ts";
import type { CategoricalResult } from "../results/schemas.ts";

/** The categorical columns, in the order the result (and the report's figure) lists them. */
const VARIABLES = ["key", "mode", "time_signature", "explicit"] as const;
type Variable = (typeof VARIABLES)[number];

/**
 * The four distributions as one readable query: a block per column, stacked with UNION ALL under a column that
 * names it, each value with its tracks and their share of all tracks (the window sums within its own block).
 * `explicit` is a boolean, shown as 0 or 1 so that every block's values share one integer column. It is the
 * figure's data as a reader reruns it in the report's SQL console, where the cleaned table is also `tracks`.
 */
export function categoricalSql(table: string): string {
  const blocks = VARIABLES.map(
    (v) =>
      `SELECT '${v}' AS variable, ${v}::INTEGER AS value, count(*)::INTEGER AS tracks,\n` +
      `       count(*) / sum(count(*)) OVER () AS share\nFROM ${table} GROUP BY ALL`,
  );
  return `${blocks.join("\nUNION ALL\n")}\nORDER BY variable, value;`;
}

const LABELS: Record<Variable, (value: number) => string> = {
  key: (v) => PITCH_NAMES[v] ?? `key ${v}`,
  mode: (v) => MODE_NAMES[v] ?? `mode ${v}`,
  time_signature: timeSignatureLabel,
  explicit: (v) => explicitLabel(v === 1),
};

/** Distributions of the categorical columns, with readable labels (pitch names for key). */
export async function categorical(db: DuckDBConnection, table: string): Promise<CategoricalResult> {
  const sql = categoricalSql(table);
  const rows = await queryRows<{ variable: Variable; value: number; tracks: number; share: number }>(db, sql);
  const distribution = (variable: Variable) => {
    const categories = rows
      .filter((row) => row.variable === variable)
      .map((row) => ({
        value: variable === "explicit" ? row.value === 1 : row.value,
        label: LABELS[variable](row.value),
        count: row.tracks,
        share: row.share,
      }));
    if (categories.length === 0) throw new Error(`categorical: the query gave no values of ${variable}`);
    return categories;
  };
  const key = distribution("key");
  return {
    sql,
    rows: key.reduce((sum, category) => sum + category.count, 0),
    key,
    mode: distribution("mode"),
    time_signature: distribution("time_signature"),
    explicit: distribution("explicit"),
  };
}
