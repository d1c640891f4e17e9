import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, sqlIdent, sqlString } from "../db.ts";
import type { CleaningRuleAudit } from "../results/schemas.ts";
import type { CleaningRule } from "./rules.ts";

const IDENTIFYING_COLUMNS = ["row_index", "track_id", "track_name", "track_genre"];
const EXAMPLE_LIMIT = 5;

/** The temporary table of every removed row: `removed_by` (the rule's id), then the raw row's columns. */
export const REMOVED_ROWS_TABLE = "removed_rows";

export interface CleaningOutcome {
  audits: CleaningRuleAudit[];
  rowsIn: number;
  rowsKept: number;
  /** Rows the seed's code would have kept (its predicates where they differ from the stated rules). */
  seedCodeRowsKept: number;
}

async function countWhere(db: DuckDBConnection, table: string, predicate: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    `SELECT count(*)::INTEGER AS n FROM ${table} WHERE ${predicate}`,
  );
  return row?.n ?? 0;
}

async function examples(db: DuckDBConnection, table: string, predicate: string, columns: readonly string[]) {
  const selected = [...new Set([...IDENTIFYING_COLUMNS, ...columns])].map(sqlIdent).join(", ");
  return queryRows<Record<string, string | number | boolean | null>>(
    db,
    `SELECT ${selected} FROM ${table} WHERE ${predicate} ORDER BY row_index LIMIT ${EXAMPLE_LIMIT}`,
  );
}

/** Rows of `source` that no rule in `rules` matches; a rule whose predicate is NULL on a row keeps it, as a DELETE would. */
function keptBy(rules: readonly string[]): string {
  return rules.length === 0 ? "true" : rules.map((predicate) => `(${predicate}) IS NOT TRUE`).join(" AND ");
}

/**
 * Applies the rules in order to `source`, leaving the kept rows in `target`, a view of `source` (so no copy of
 * the table is made here; the pipeline's one copy is the table it builds from the view, in file order). Each
 * rule's audit counts the rows it matched in the raw table and the rows it removed after the rules before it,
 * so rows in = rows kept + Σ removed holds by construction and is checked anyway. Every count is a filter over
 * `source` (the rows the rules before have not removed), so `source` must stay unchanged while `target` is read.
 */
export async function applyCleaningRules(
  db: DuckDBConnection,
  rules: readonly CleaningRule[],
  source: string,
  target: string,
): Promise<CleaningOutcome> {
  const rowsIn = await countWhere(db, source, "true");
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${REMOVED_ROWS_TABLE} AS SELECT ''::VARCHAR AS removed_by, * FROM ${source} LIMIT 0`,
  );
  const audits: CleaningRuleAudit[] = [];
  // The predicates of the rules applied so far, as stated and as the seed's code had them.
  const applied: string[] = [];
  const appliedBySeed: string[] = [];
  // The rows the rules so far have kept: counted after each rule, and the next rule's rows before it.
  let rowsBefore = rowsIn;
  for (const rule of rules) {
    const kept = keptBy(applied);
    const matched = `(${rule.predicate})`;
    const removedHere = `${kept} AND ${matched}`;
    const audit: CleaningRuleAudit = {
      id: rule.id,
      description: rule.description,
      predicate: rule.predicate,
      matchedInRaw: await countWhere(db, source, matched),
      removed: await countWhere(db, source, removedHere),
      rowsBefore,
      rowsAfter: 0,
      examples: await examples(db, source, removedHere, rule.exampleColumns),
    };
    const seedPredicate = rule.seed ? `(${rule.seed.codePredicate})` : matched;
    if (rule.seed) {
      const keptBySeed = `${kept} AND ${matched} AND NOT ${seedPredicate}`;
      audit.seedDiscrepancy = {
        statedRemoved: rule.seed.statedRemoved,
        seedCodePredicate: rule.seed.codePredicate,
        seedCodeRemoved: await countWhere(db, source, `${keptBy(appliedBySeed)} AND ${seedPredicate}`),
        keptBySeedCode: await countWhere(db, source, keptBySeed),
        keptBySeedCodeExamples: await examples(db, source, keptBySeed, rule.exampleColumns),
        explanation: rule.seed.explanation,
      };
    }
    await db.run(
      `INSERT INTO ${REMOVED_ROWS_TABLE} SELECT ${sqlString(rule.id)}, * FROM ${source} WHERE ${removedHere}`,
    );
    applied.push(rule.predicate);
    appliedBySeed.push(rule.seed ? rule.seed.codePredicate : rule.predicate);
    audit.rowsAfter = await countWhere(db, source, keptBy(applied));
    rowsBefore = audit.rowsAfter;
    audits.push(audit);
  }
  await db.run(`CREATE OR REPLACE TEMP VIEW ${target} AS SELECT * FROM ${source} WHERE ${keptBy(applied)}`);
  const rowsKept = await countWhere(db, target, "true");
  const removed = audits.reduce((sum, audit) => sum + audit.removed, 0);
  const logged = await countWhere(db, REMOVED_ROWS_TABLE, "true");
  if (rowsIn !== rowsKept + removed || logged !== removed) {
    throw new Error(
      `Cleaning lost track of rows: ${rowsIn} in, ${rowsKept} kept, ${removed} removed by rules, ${logged} logged as removed.`,
    );
  }
  const seedCodeRowsKept = await countWhere(db, source, keptBy(appliedBySeed));
  return { audits, rowsIn, rowsKept, seedCodeRowsKept };
}
