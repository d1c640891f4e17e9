import type { DuckDBConnection } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyCleaningRules } from "../src/clean/apply.ts";
import { CLEANING_RULES } from "../src/clean/rules.ts";
import { openDatabase, queryRows } from "../src/db.ts";
import { track } from "./support/fixture.ts";
import { createTracksTable } from "./support/tables.ts";

// Twelve ordinary tracks (durations ≥ 120 s, tempo ≥ 60, time signature 3–5) and eight made to hit the rules.
const rows = [
  ...Array.from({ length: 12 }, (_, i) => track(i)),
  track(12, { artists: null, album_name: null, track_name: null, duration_ms: 0, popularity: 0 }),
  track(13, { duration_ms: 20_000 }),
  track(14, { duration_ms: 29_999 }),
  track(15, { duration_ms: 30_000 }),
  track(16, { tempo: 0, time_signature: 0 }),
  track(17, { tempo: 0, time_signature: 0, duration_ms: 10_000 }),
  track(18, { tempo: 120, time_signature: 0 }),
  track(19, { tempo: 0, time_signature: 4 }),
];

describe("applyCleaningRules", () => {
  let db: DuckDBConnection;
  beforeEach(async () => {
    db = await openDatabase();
    await createTracksTable(db, rows);
  });
  afterEach(() => db.closeSync());

  it("counts, per rule, the rows it matches in the raw data and the rows it removes after earlier rules", async () => {
    const outcome = await applyCleaningRules(db, CLEANING_RULES, "raw_tracks", "kept");
    const byId = Object.fromEntries(outcome.audits.map((a) => [a.id, a]));
    // Row 12 has no names (and duration 0, so it also matches the short rule, but is gone by then).
    expect(byId["missing-names"]).toMatchObject({
      matchedInRaw: 1,
      removed: 1,
      rowsBefore: 20,
      rowsAfter: 19,
    });
    // Short: rows 12, 13, 14, 17 match; 12 was already removed; 15 (exactly 30 s) stays.
    expect(byId["shorter-than-30s"]).toMatchObject({
      matchedInRaw: 4,
      removed: 3,
      rowsBefore: 19,
      rowsAfter: 16,
    });
    // Zero tempo or time signature: rows 16, 17, 18, 19 match; 17 went with the short tracks.
    expect(byId["zero-tempo-or-time-signature"]).toMatchObject({
      matchedInRaw: 4,
      removed: 3,
      rowsBefore: 16,
      rowsAfter: 13,
    });
    expect(outcome.rowsIn).toBe(20);
    expect(outcome.rowsKept).toBe(13);
    expect(outcome.rowsIn).toBe(outcome.rowsKept + outcome.audits.reduce((s, a) => s + a.removed, 0));
    const kept = await queryRows<{ row_index: number }>(db, "SELECT row_index FROM kept ORDER BY row_index");
    expect(kept.map((r) => r.row_index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15]);
  });

  it("records what the seed's code did instead of the stated rule", async () => {
    const outcome = await applyCleaningRules(db, CLEANING_RULES, "raw_tracks", "kept");
    const zero = outcome.audits.find((a) => a.id === "zero-tempo-or-time-signature");
    // The seed's code removed only tempo = 0 (rows 16 and 19 here); row 18 (time signature 0, tempo 120) stayed.
    expect(zero?.seedDiscrepancy).toMatchObject({
      seedCodeRemoved: 2,
      keptBySeedCode: 1,
      seedCodePredicate: "tempo = 0",
    });
    expect(zero?.seedDiscrepancy?.keptBySeedCodeExamples.map((r) => r.row_index)).toEqual([18]);
    expect(outcome.seedCodeRowsKept).toBe(14);
  });

  it("gives example rows in file order with the identifying and the rule's own columns", async () => {
    const outcome = await applyCleaningRules(db, CLEANING_RULES, "raw_tracks", "kept");
    const short = outcome.audits.find((a) => a.id === "shorter-than-30s");
    expect(short?.examples).toEqual([
      {
        row_index: 13,
        track_id: rows[13]?.track_id,
        track_name: "Track 13",
        track_genre: "pop",
        duration_ms: 20_000,
      },
      {
        row_index: 14,
        track_id: rows[14]?.track_id,
        track_name: "Track 14",
        track_genre: "rock",
        duration_ms: 29_999,
      },
      {
        row_index: 17,
        track_id: rows[17]?.track_id,
        track_name: "Track 17",
        track_genre: "pop",
        duration_ms: 10_000,
      },
    ]);
  });

  it("removes nothing and still balances when no row matches", async () => {
    await createTracksTable(db, rows.slice(0, 12));
    const outcome = await applyCleaningRules(db, CLEANING_RULES, "raw_tracks", "kept");
    expect(outcome.audits.map((a) => a.removed)).toEqual([0, 0, 0]);
    expect(outcome.rowsKept).toBe(12);
  });
});
