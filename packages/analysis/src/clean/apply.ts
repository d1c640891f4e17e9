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

/**
 * Applies the rules in order to `source`, leaving the kept rows in `target` (file order kept).
 * Each rule's audit counts the rows it matched in the raw table and the rows it removed after the
 * rules before it, so rows in = rows kept + Σ removed holds by construction and is checked anyway.
 */
export async function applyCleaningRules(
  db: DuckDBConnection,
  rules: readonly CleaningRule[],
  source: string,
  target: string,
): Promise<CleaningOutcome> {
  const rowsIn = await countWhere(db, source, "true");
  await db.run(`CREATE OR REPLACE TEMP TABLE ${target} AS SELECT * FROM ${source} ORDER BY row_index`);
  await db.run(`CREATE OR REPLACE TEMP TABLE seed_code_view AS SELECT * FROM ${source} ORDER BY row_index`);
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${REMOVED_ROWS_TABLE} AS SELECT ''::VARCHAR AS removed_by, * FROM ${source} LIMIT 0`,
  );
  const audits: CleaningRuleAudit[] = [];
  for (const rule of rules) {
    const rowsBefore = await countWhere(db, target, "true");
    const matched = `(${rule.predicate})`;
    const audit: CleaningRuleAudit = {
      id: rule.id,
      description: rule.description,
      predicate: rule.predicate,
      matchedInRaw: await countWhere(db, source, matched),
      removed: await countWhere(db, target, matched),
      rowsBefore,
      rowsAfter: 0,
      examples: await examples(db, target, matched, rule.exampleColumns),
    };
    const seedPredicate = rule.seed ? `(${rule.seed.codePredicate})` : matched;
    if (rule.seed) {
      const keptBySeed = `${matched} AND NOT ${seedPredicate}`;
      audit.seedDiscrepancy = {
        statedRemoved: rule.seed.statedRemoved,
        seedCodePredicate: rule.seed.codePredicate,
        seedCodeRemoved: await countWhere(db, "seed_code_view", seedPredicate),
        keptBySeedCode: await countWhere(db, target, keptBySeed),
        keptBySeedCodeExamples: await examples(db, target, keptBySeed, rule.exampleColumns),
        explanation: rule.seed.explanation,
      };
    }
    await db.run(
      `INSERT INTO ${REMOVED_ROWS_TABLE} SELECT ${sqlString(rule.id)}, * FROM ${target} WHERE ${matched}`,
    );
    await db.run(`DELETE FROM ${target} WHERE ${matched}`);
    await db.run(`DELETE FROM seed_code_view WHERE ${seedPredicate}`);
    audit.rowsAfter = await countWhere(db, target, "true");
    audits.push(audit);
  }
  const rowsKept = await countWhere(db, target, "true");
  const removed = audits.reduce((sum, audit) => sum + audit.removed, 0);
  const logged = await countWhere(db, REMOVED_ROWS_TABLE, "true");
  if (rowsIn !== rowsKept + removed || logged !== removed) {
    throw new Error(
      `Cleaning lost track of rows: ${rowsIn} in, ${rowsKept} kept, ${removed} removed by rules, ${logged} logged as removed.`,
    );
  }
  const seedCodeRowsKept = await countWhere(db, "seed_code_view", "true");
  await db.run("DROP TABLE seed_code_view");
  return { audits, rowsIn, rowsKept, seedCodeRowsKept };
}
