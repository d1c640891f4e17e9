/**
 * The report's one in-browser DuckDB: DuckDB-WASM in a Web Worker over the analysis's `tracks.duckdb`,
 * all served by the site itself. Browser-only; import it lazily (see preload.ts), since importing it pulls
 * in DuckDB-WASM's JavaScript and Apache Arrow.
 *
 * Self-hosted DuckDB-WASM cannot read Parquet (the extension is downloaded from the internet at run time).
 * The candidates, measured in headless Chromium on localhost, 2 cores (/work/shared/notes/environment.md):
 *
 *   what the page loads                over the wire        navigation → first result, cold / reload
 *   DuckDB database file (chosen)      6.8 MB gzipped       2.7 s / 2.2 s
 *   same, read with HTTP Range         0.98 MB (3 columns)  2.8 s / 2.3 s
 *   Arrow IPC → insert                 8.7 MB               3.3 s / 2.7 s
 *   gzipped CSV → read_csv             8.4 MB               3.8–4.2 s / 3.3–3.5 s
 *   Parquet decoded by hyparquet       8.1 MB               5.2 s / 4.1 s
 *
 * The database file needs no conversion in the page, so it is the fastest. How it is read was re-measured
 * (see README, "Exploring the data in the browser"): Range reads save bytes on the first query but make
 * every query that touches new columns wait for more requests (after the same warm-up queries, a first
 * GROUP BY took 0.58–0.81 s against 0.16–0.28 s in memory), and a reload fetches those ranges again, while
 * a whole file is cached. So the file is fetched whole, by the page, in parallel with the wasm download and
 * compile, and handed to DuckDB as a buffer: registering and opening it took 0.8–1.2 s against 1.6–2.4 s
 * when DuckDB fetched it itself after start-up. Any static host serves it: no Range or HEAD support needed.
 */
import { AsyncDuckDB, type AsyncDuckDBConnection, DuckDBAccessMode, VoidLogger } from "@duckdb/duckdb-wasm";
import type { Table } from "apache-arrow";
import { type Cell, type ResultColumn, tableToRows } from "./arrow-values.ts";
import { DUCKDB_DIR, DUCKDB_WASM, DUCKDB_WORKER, TRACKS_DATABASE } from "./files.ts";
import { readableError } from "./messages.ts";

export type { Cell } from "./arrow-values.ts";

export interface QueryColumn extends ResultColumn {}

export interface QueryResult {
  columns: QueryColumn[];
  /** Values are number | string | boolean | null: BIGINT → number when exact, else string. */
  rows: Cell[][];
  /** Time from sending the query to having its rows, in milliseconds. */
  milliseconds: number;
}

export type QueryParameter = string | number | boolean | null;

export interface TracksDatabase {
  /**
   * Runs SQL against the `tracks` table. With `params`, the SQL is a prepared statement whose `?`
   * placeholders take them: user text is always passed this way, never spliced into the SQL.
   */
  query(sql: string, params?: QueryParameter[]): Promise<QueryResult>;
}

/** Why the in-browser database is unavailable, in words a reader can act on. */
export class TracksDatabaseError extends Error {
  override name = "TracksDatabaseError";
}

/** A query's failure, carrying DuckDB's own message (e.g. `Parser Error: syntax error at or near …`). */
export class QueryError extends Error {
  override name = "QueryError";
}

/**
 * Settings applied before any reader's SQL runs. The page must never reach beyond its own origin: no
 * extension downloads, no reads of arbitrary URLs, and the reader's SQL cannot switch either back on.
 */
const LOCKDOWN = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
  "SET enable_external_access = false",
  "SET lock_configuration = true",
];

function siteFile(name: string): string {
  return new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, "/")}${DUCKDB_DIR}/${name}`, location.href).href;
}

/**
 * Starts DuckDB-WASM's worker script inside a tiny wrapper. The stock worker leaves a failed download of
 * its wasm as an unhandled rejection, which the page never hears of (DuckDB would wait forever); the
 * wrapper rethrows such rejections so that they reach the page as the Worker's "error" event.
 */
function startWorker(): { worker: Worker; release: () => void } {
  const script = JSON.stringify(siteFile(DUCKDB_WORKER));
  const source =
    "self.addEventListener('unhandledrejection',function(e){setTimeout(function(){throw e.reason})});" +
    `importScripts(${script});`;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  return { worker: new Worker(url), release: () => URL.revokeObjectURL(url) };
}

/** Rejects when the worker script fails to load or fails while starting. */
function workerFailure(worker: Worker): Promise<never> {
  return new Promise((_, reject) => {
    worker.addEventListener(
      "error",
      (event) => {
        event.preventDefault();
        const detail = event.message ? `: ${event.message.replace(/^Uncaught /, "")}` : ".";
        reject(new TracksDatabaseError(`The database worker could not start${detail}`));
      },
      { once: true },
    );
  });
}

/** Downloads the database file; started before DuckDB itself so the two downloads overlap. */
async function fetchDatabase(): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(siteFile(TRACKS_DATABASE));
  } catch (error) {
    throw new TracksDatabaseError(`The database file could not be downloaded: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new TracksDatabaseError(`The database file could not be downloaded (HTTP ${response.status}).`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function start(): Promise<TracksDatabase> {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    throw new TracksDatabaseError(
      "This browser does not support WebAssembly in a Web Worker, which DuckDB needs.",
    );
  }
  const database = fetchDatabase();
  // Settles only if the download fails, so that a failure ends the start-up at once.
  const downloadFailed = database.then(() => new Promise<never>(() => undefined));
  const { worker, release } = startWorker();
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  const failed = workerFailure(worker);
  let connection: AsyncDuckDBConnection;
  try {
    connection = await Promise.race([
      failed,
      downloadFailed,
      (async () => {
        await db.instantiate(siteFile(DUCKDB_WASM));
        await db.registerFileBuffer(TRACKS_DATABASE, await database);
        await db.open({ path: TRACKS_DATABASE, accessMode: DuckDBAccessMode.READ_ONLY });
        const opened = await db.connect();
        for (const statement of LOCKDOWN) await opened.query(statement);
        return opened;
      })(),
    ]);
  } catch (error) {
    worker.terminate();
    throw error instanceof TracksDatabaseError
      ? error
      : new TracksDatabaseError(`The database could not be opened: ${(error as Error).message}`);
  } finally {
    release();
  }
  return new Connection(connection);
}

/** Runs queries one at a time on one connection, so widgets sharing it never interleave statements. */
class Connection implements TracksDatabase {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly connection: AsyncDuckDBConnection) {}

  query(sql: string, params: QueryParameter[] = []): Promise<QueryResult> {
    const run = this.#queue.then(() => this.#run(sql, params));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run(sql: string, params: QueryParameter[]): Promise<QueryResult> {
    const started = performance.now();
    let table: Table;
    try {
      if (params.length === 0) {
        table = await this.connection.query(sql);
      } else {
        const statement = await this.connection.prepare(sql);
        try {
          table = await statement.query(...params);
        } finally {
          await statement.close();
        }
      }
    } catch (error) {
      throw new QueryError(readableError((error as Error).message));
    }
    const { columns, rows } = tableToRows(table);
    return { columns, rows, milliseconds: performance.now() - started };
  }
}

let shared: Promise<TracksDatabase> | undefined;

/**
 * The page's one database, started on the first call; every caller gets the same promise. If starting
 * fails, the rejection is shared too, and a later call tries again.
 */
export function openTracksDatabase(): Promise<TracksDatabase> {
  if (!shared) {
    const opening = start();
    shared = opening;
    opening.catch(() => {
      if (shared === opening) shared = undefined;
    });
  }
  return shared;
}
