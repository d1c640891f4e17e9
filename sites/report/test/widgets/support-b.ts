import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { writeTracksDuckdb } from "@spotiflies/analysis";
import {
  analysisOutputDir,
  CLEANED_PARQUET,
  TRACK_IDS_DUCKDB,
  TRACKS_DUCKDB,
} from "@spotiflies/analysis/results";
import { CORE_CATALOG, IDS_CATALOG, tracksViewSql } from "@spotiflies/analysis/tracks-view";
import type { Page } from "playwright-core";
import { DUCKDB_DIR, TRACK_IDS_DATABASE, TRACKS_DATABASE } from "../../src/widgets/duckdb/files.ts";
import { distDir } from "../support/site.ts";

/**
 * Test helpers for the genre explorer, track finder and genre predictor: their SQL run in Node, a copy of
 * the built site whose database holds hostile text, and waiting for a widget to settle.
 */

/**
 * The build the widget browser tests serve: the shared `dist`, or the folder REPORT_TEST_DIST names, so that
 * a change can be tested on a build of one's own while others use `dist`. Either way `ensureBuilt` keeps it fresh.
 */
export const widgetDist = process.env.REPORT_TEST_DIST ?? distDir;

export const cleanedParquet = join(analysisOutputDir, CLEANED_PARQUET);
const parquetLiteral = `'${cleanedParquet.replaceAll("'", "''")}'`;

/**
 * The widgets' SQL run with `@duckdb/node-api` over the analysis's two database files, attached and viewed
 * as the browser does (`core`, `ids` and the `tracks` view; the analysis's tests check that view against
 * the cleaned Parquet). Values come back as the browser client gives them (BIGINT as a number), so the
 * widgets' own result parsers can read them.
 */
export interface NodeTracks {
  query(
    sql: string,
    params?: (string | number | boolean | null)[],
  ): Promise<{ columns: { name: string }[]; rows: unknown[][] }>;
  close(): void;
}

function plain(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new Error(`${value} does not fit a JavaScript number.`);
    return Number(value);
  }
  return value;
}

export async function openNodeTracks(): Promise<NodeTracks> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const file = (name: string) => `'${join(analysisOutputDir, name).replaceAll("'", "''")}'`;
  await connection.run(`ATTACH ${file(TRACKS_DUCKDB)} AS ${CORE_CATALOG} (READ_ONLY)`);
  await connection.run(`ATTACH ${file(TRACK_IDS_DUCKDB)} AS ${IDS_CATALOG} (READ_ONLY)`);
  await connection.run(tracksViewSql({ ids: true }));
  return {
    async query(sql, params = []) {
      const reader = await connection.runAndReadAll(sql, params as DuckDBValue[]);
      return {
        columns: reader.columnNames().map((name) => ({ name })),
        rows: reader.getRowsJS().map((row) => row.map(plain)),
      };
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Text that would run script if a widget ever parsed data as HTML. */
export const HOSTILE = {
  trackName: "<img src=x onerror=alert(1)>",
  artists: "<script>alert(2)</script>;<b>Bold</b>",
  album: "</li><img src=y onerror=alert(3)>",
  genre: "<i>genre</i>",
};

export interface HostileSite {
  /** A folder to serve like the build: links to every built file, but its own database files. */
  root: string;
  /** The track whose names were replaced. */
  trackId: string;
  remove(): void;
}

/**
 * A copy of the built site `distDir` (symbolic links, so nothing large is copied) whose database has the
 * `HOSTILE` texts as one track's name, artists, album and, in one of its rows, genre. Written by the
 * analysis's own writer, as the real files are.
 */
export async function hostileSite(distDir: string, trackId: string): Promise<HostileSite> {
  const root = mkdtempSync(join(tmpdir(), "spotiflies-hostile-"));
  for (const entry of readdirSync(distDir)) {
    if (entry !== DUCKDB_DIR) symlinkSync(join(distDir, entry), join(root, entry));
  }
  mkdirSync(join(root, DUCKDB_DIR));
  for (const entry of readdirSync(join(distDir, DUCKDB_DIR))) {
    if (!entry.startsWith(TRACKS_DATABASE) && !entry.startsWith(TRACK_IDS_DATABASE))
      symlinkSync(join(distDir, DUCKDB_DIR, entry), join(root, DUCKDB_DIR, entry));
  }
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const connection = await instance.connect();
  try {
    const mine = "track_id = $id";
    await connection.run(
      `CREATE TABLE hostile AS
       SELECT row_number() OVER () AS row_index, * REPLACE (
         CASE WHEN ${mine} THEN $name ELSE track_name END AS track_name,
         CASE WHEN ${mine} THEN $artists ELSE artists END AS artists,
         CASE WHEN ${mine} THEN $album ELSE album_name END AS album_name,
         CASE WHEN ${mine} AND track_genre = (SELECT min(track_genre) FROM read_parquet(${parquetLiteral}) WHERE ${mine})
              THEN $genre ELSE track_genre END AS track_genre)
       FROM read_parquet(${parquetLiteral})`,
      {
        id: trackId,
        name: HOSTILE.trackName,
        artists: HOSTILE.artists,
        album: HOSTILE.album,
        genre: HOSTILE.genre,
      },
    );
    await writeTracksDuckdb(connection, "hostile", join(root, DUCKDB_DIR));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { root, trackId, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Waits until the widget `root` (a CSS selector) reports a settled status; returns the status text. */
export async function settled(
  page: Page,
  root: string,
  timeout = 90_000,
): Promise<{ state: string; text: string }> {
  await page.waitForFunction(
    (selector) => {
      const state = document.querySelector(`${selector} [data-status]`)?.getAttribute("data-state");
      return state === "done" || state === "error";
    },
    root,
    { timeout },
  );
  return page.evaluate((selector) => {
    const status = document.querySelector(`${selector} [data-status]`);
    return { state: status?.getAttribute("data-state") ?? "", text: status?.textContent ?? "" };
  }, root);
}

/** Marks a widget's status as stale, so that `settled` waits for the next outcome rather than the last. */
export function markPending(page: Page, root: string): Promise<void> {
  return page.evaluate((selector) => {
    document.querySelector(`${selector} [data-status]`)?.setAttribute("data-state", "pending");
  }, root);
}
