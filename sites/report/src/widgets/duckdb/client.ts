/**
 * The report's one in-browser DuckDB: DuckDB-WASM in a Web Worker over the analysis's two database files
 * (`tracks.duckdb`, then `track-ids.duckdb`: see instance.ts), all served by the site itself.
 * Browser-only; import it lazily (see preload.ts), since importing it pulls in DuckDB-WASM's JavaScript
 * and Apache Arrow.
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
 * (Those figures predate the split into two files; the first file is now 4.9 MB gzipped.) The database
 * file needs no conversion in the page, so it is the fastest. How it is read was re-measured
 * (see README, "Exploring the data in the browser"): Range reads save bytes on the first query but make
 * every query that touches new columns wait for more requests (after the same warm-up queries, a first
 * GROUP BY took 0.58–0.81 s against 0.16–0.28 s in memory), and a reload fetches those ranges again, while
 * a whole file is cached. So the file is fetched whole, by the page, in parallel with the wasm download and
 * compile, and handed to DuckDB as a buffer: registering and opening it took 0.8–1.2 s against 1.6–2.4 s
 * when DuckDB fetched it itself after start-up. Any static host serves it: no Range or HEAD support needed.
 *
 * The worker and both downloads are started by worker-start.ts before this module arrives; the worker's
 * prelude (worker-prelude.ts) compiles the wasm as it downloads, and the wasm the site serves exports only
 * what DuckDB's worker uses (integrations/duckdb-worker.ts).
 *
 * A query that reads a track ID before the IDs' file is attached fails with TRACK_IDS_PENDING; the widgets'
 * queries and the console's schema query then wait for the IDs and run again (withTrackIds), and the
 * console's scripts wait for them first unless RunOptions.early says otherwise.
 *
 * This module keeps the page's database alive: one DuckDB (instance.ts) at a time, replaced by a fresh one
 * whenever it stops (a crash, a fatal error, or a query that would not cancel), so no widget stays broken
 * until a reload. The widgets share one connection, one query at a time; the SQL console gets a session
 * with a connection of its own, whose queries are polled (stream.ts), so the worker answers the widgets
 * between two polls instead of after the console's query.
 */
import type { AsyncDuckDBConnection } from "@duckdb/duckdb-wasm";
import { TRACK_IDS_PENDING } from "@spotiflies/analysis/tracks-view";
import type { RecordBatch, Schema, Table } from "apache-arrow";
import { type Cell, type ResultColumn, sqlTypeName, tableToRows } from "./arrow-values.ts";
import { DatabaseStoppedError } from "./fatal.ts";
import { type Instance, startInstance } from "./instance.ts";
import { readableError } from "./messages.ts";
import { execute, QueryCancelledError, type StreamedResult, stream } from "./stream.ts";
import { TracksDatabaseError, takeDuckdbStart } from "./worker-start.ts";

export type { Cell } from "./arrow-values.ts";
export { DatabaseStoppedError, FILES_DETACHED } from "./fatal.ts";
export { QueryCancelledError } from "./stream.ts";
export { TracksDatabaseError } from "./worker-start.ts";

export interface QueryColumn extends ResultColumn {}

export interface QueryResult {
  columns: QueryColumn[];
  /** Values are number | string | boolean | null: BIGINT → number when exact, else string. */
  rows: Cell[][];
  /** Time from sending the query to having its rows, in milliseconds. */
  milliseconds: number;
  /** The database had stopped and was restarted while this query waited; it then ran on the new one. */
  restarted: boolean;
}

export type QueryParameter = string | number | boolean | null;

/** What a widget adds to its status when its query ran on a restarted database, so the reader knows. */
export function restartNote(...results: Pick<QueryResult, "restarted">[]): string {
  return results.some((result) => result.restarted)
    ? " · the in-browser database had stopped and restarted by itself"
    : "";
}

export interface TracksDatabase {
  /**
   * Runs SQL against the `tracks` table. With `params`, the SQL is a prepared statement whose `?`
   * placeholders take them: user text is always passed this way, never spliced into the SQL. If the
   * database stops meanwhile, the query runs once more on the restarted one (the widgets only read).
   */
  query(sql: string, params?: QueryParameter[]): Promise<QueryResult>;
  /** A connection of the SQL console's own; see QuerySession. */
  openSession(): QuerySession;
  /** Calls `listener` with the reason each time the database stops and a new one starts; returns an unsubscribe. */
  onRestart(listener: (reason: string) => void): () => void;
}

/** A streamed result's columns and batches; `close` frees the connection when not all batches were read. */
export interface StreamedQuery {
  columns: QueryColumn[];
  batches: AsyncIterable<RecordBatch>;
  close(): Promise<void>;
}

/**
 * The SQL console's connection: its temporary tables and settings are its own, and its queries never
 * wait for, or hold up, the widgets'. One call at a time.
 */
export interface QuerySession {
  /** Runs a short query and returns its whole result (the schema browser's). */
  query(sql: string): Promise<QueryResult>;
  /**
   * Runs a script's statements in order and streams the last one's result. Aborting `signal` cancels the
   * running statement between two of DuckDB's tasks (QueryCancelledError). It waits for the track IDs
   * first, unless `options.early` says the script may not need them (see RunOptions).
   */
  run(statements: readonly string[], signal?: AbortSignal, options?: RunOptions): Promise<StreamedQuery>;
  /**
   * Replaces the database with a fresh one: the last resort for a query that does not stop when
   * cancelled. The session's temporary tables are lost; the widgets' queries run again.
   */
  restartDatabase(reason: string): void;
}

export interface RunOptions {
  /**
   * Run a one-statement script without waiting for the track IDs (the second database file). If it reads
   * an ID, it fails before any row is shown, and runs again once they are attached; but a query that reads
   * an ID only in some rows could fail after its first rows were shown, so only queries known not to read
   * them (the console's examples, which a test runs before the IDs) are worth running early.
   */
  early?: boolean;
}

/** A query's failure, carrying DuckDB's own message (e.g. `Parser Error: syntax error at or near …`). */
export class QueryError extends Error {
  override name = "QueryError";
}

/**
 * DuckDB's errors become QueryErrors (`sql`, the failed statement, places the excerpt of errors that
 * come without one); the database stopping or a cancel keep their own types.
 */
function asQueryError(error: unknown, sql?: string): Error {
  if (error instanceof DatabaseStoppedError || error instanceof QueryCancelledError) return error;
  if (error instanceof TracksDatabaseError) return error;
  return new QueryError(readableError((error as Error).message, sql));
}

function columnsOf(schema: Schema): QueryColumn[] {
  return schema.fields.map((field) => ({ name: field.name, type: sqlTypeName(field.type) }));
}

async function runTable(
  instance: Instance,
  connection: AsyncDuckDBConnection,
  sql: string,
  params: QueryParameter[],
): Promise<Table> {
  await instance.ready(connection);
  if (params.length === 0) return instance.guard(connection.query(sql));
  const statement = await instance.guard(connection.prepare(sql));
  try {
    return await instance.guard(statement.query(...params));
  } finally {
    if (!instance.isStopped) await statement.close().catch(() => undefined);
  }
}

/** Whether DuckDB failed because the query read a track ID before they were attached (tracks-view). */
function needsTrackIds(error: unknown): boolean {
  return error instanceof Error && error.message.includes(TRACK_IDS_PENDING);
}

/**
 * Runs `run`; if it read a track ID before the IDs were attached, attaches them and runs it again. For
 * work that has shown the reader nothing yet: a failed statement changed nothing.
 */
async function withTrackIds<T>(instance: Instance, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (instance.hasTrackIds || !needsTrackIds(error)) throw error;
    await instance.trackIds();
    return run();
  }
}

function starting(): Promise<Instance> {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    return Promise.reject(
      new TracksDatabaseError(
        "This browser does not support WebAssembly in a Web Worker, which DuckDB needs.",
      ),
    );
  }
  const instance = startInstance(takeDuckdbStart());
  instance.catch(() => undefined);
  return instance;
}

class Database implements TracksDatabase {
  #instance: Promise<Instance>;
  #queue: Promise<unknown> = Promise.resolve();
  /** The widgets' connection on each instance, opened on first use. */
  #connections = new WeakMap<Instance, Promise<AsyncDuckDBConnection>>();
  #listeners = new Set<(reason: string) => void>();

  constructor(first: Instance) {
    this.#instance = Promise.resolve(first);
    this.#watch(first);
  }

  /** Starts an instance and watches it: when it stops, a new one starts at once. */
  #start(): Promise<Instance> {
    const next = starting();
    next.then(
      (instance) => this.#watch(instance),
      () => undefined,
    );
    return next;
  }

  #watch(instance: Instance): void {
    instance.stopped.catch((error: Error) => {
      this.#instance = this.#start();
      for (const listener of this.#listeners) listener(error.message);
    });
  }

  /** The running instance; if the last start failed (e.g. offline), this tries once more. */
  async current(): Promise<Instance> {
    const pending = this.#instance;
    try {
      return await pending;
    } catch {
      if (this.#instance === pending) this.#instance = this.#start();
      return this.#instance;
    }
  }

  onRestart(listener: (reason: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  query(sql: string, params: QueryParameter[] = []): Promise<QueryResult> {
    // One at a time on the widgets' connection, so they never interleave statements.
    const run = this.#queue.then(() => this.#query(sql, params));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #query(sql: string, params: QueryParameter[]): Promise<QueryResult> {
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      let instance: Instance | undefined;
      try {
        const running = await this.current();
        instance = running;
        let opening = this.#connections.get(running);
        if (!opening) {
          opening = running.connect();
          this.#connections.set(running, opening);
        }
        const connection = await opening;
        const table = await withTrackIds(running, () => runTable(running, connection, sql, params));
        running.prefetchTrackIds();
        const { columns, rows } = tableToRows(table);
        return { columns, rows, milliseconds: performance.now() - started, restarted: attempt > 0 };
      } catch (error) {
        if (error instanceof DatabaseStoppedError && attempt === 0) continue;
        // The query may have failed because a reader detached a file from the console (instance.ts):
        // then the database restarts and the query runs again on the fresh one.
        if (attempt === 0 && instance && (await instance.stopIfDamaged())) continue;
        throw asQueryError(error);
      }
    }
  }

  openSession(): QuerySession {
    return new Session(this);
  }
}

/**
 * Streams `sql` and reads its first batch before returning, so that a query that reads a track ID before
 * they are attached fails here, before the reader has seen any of its rows, and can run again.
 */
async function streamFirstBatch(
  instance: Instance,
  connection: AsyncDuckDBConnection,
  sql: string,
  signal: AbortSignal | undefined,
): Promise<StreamedResult> {
  const result = await stream(instance, connection, sql, signal);
  const iterator = result.batches[Symbol.asyncIterator]();
  let first: IteratorResult<RecordBatch>;
  try {
    first = await iterator.next();
  } catch (error) {
    await result.close();
    throw error;
  }
  return {
    ...result,
    batches: (async function* () {
      if (first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    })(),
  };
}

/**
 * Runs a console statement, then checks that it left the database's files attached (instance.ts,
 * `intact`); if not, the database restarts and this throws its DatabaseStoppedError, before the console
 * runs anything else on the damaged database. A failed statement is checked too (it may have been a
 * later one in a script that detached a file before failing). `discard` frees a result not returned.
 */
async function checkedAfter<T>(
  instance: Instance,
  run: () => Promise<T>,
  discard?: (result: T) => Promise<void>,
): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    if (!(error instanceof DatabaseStoppedError) && (await instance.stopIfDamaged())) return instance.stopped;
    throw error;
  }
  if (await instance.stopIfDamaged()) {
    await discard?.(result).catch(() => undefined);
    return instance.stopped;
  }
  return result;
}

class Session implements QuerySession {
  #bound: { instance: Instance; connection: Promise<AsyncDuckDBConnection> } | undefined;

  constructor(private readonly database: Database) {}

  /** The session's connection on the running instance: a new one after a restart. */
  async #connection(): Promise<{ instance: Instance; connection: AsyncDuckDBConnection }> {
    const instance = await this.database.current();
    if (this.#bound?.instance !== instance) this.#bound = { instance, connection: instance.connect() };
    return { instance, connection: await this.#bound.connection };
  }

  async query(sql: string): Promise<QueryResult> {
    const started = performance.now();
    try {
      const { instance, connection } = await this.#connection();
      const table = await withTrackIds(instance, () => runTable(instance, connection, sql, []));
      const { columns, rows } = tableToRows(table);
      return { columns, rows, milliseconds: performance.now() - started, restarted: false };
    } catch (error) {
      throw asQueryError(error);
    }
  }

  async run(
    statements: readonly string[],
    signal?: AbortSignal,
    options: RunOptions = {},
  ): Promise<StreamedQuery> {
    let running: string | undefined;
    try {
      const { instance, connection } = await this.#connection();
      const early = options.early === true && statements.length === 1 && !instance.hasTrackIds;
      if (!early) await instance.trackIds();
      await instance.ready(connection);
      const last = statements.length - 1;
      for (const statement of statements.slice(0, last)) {
        running = statement;
        await checkedAfter(instance, () => execute(instance, connection, statement, signal));
      }
      const lastStatement = statements[last] ?? "";
      running = lastStatement;
      const result = await checkedAfter(
        instance,
        () =>
          early
            ? withTrackIds(instance, async () => {
                await instance.ready(connection);
                return streamFirstBatch(instance, connection, lastStatement, signal);
              })
            : stream(instance, connection, lastStatement, signal),
        (streamed) => streamed.close(),
      );
      const batches = result.batches;
      return {
        columns: columnsOf(result.schema),
        batches: (async function* () {
          try {
            yield* batches;
          } catch (error) {
            throw asQueryError(error, lastStatement);
          } finally {
            // The rows the console reads are in: the IDs can load now without delaying them.
            instance.prefetchTrackIds();
          }
        })(),
        close: result.close,
      };
    } catch (error) {
      throw asQueryError(error, running);
    }
  }

  restartDatabase(reason: string): void {
    this.#bound?.instance.stop(reason);
  }
}

let shared: Promise<TracksDatabase> | undefined;

/** Lets a browser test crash the database as a worker failure would (set before the page's scripts run). */
interface TestHooks {
  __spotifliesTestHooks?: boolean;
  __spotifliesDuckdb?: { crash(): Promise<void> };
}

function exposeTestHooks(database: Database): void {
  const scope = globalThis as TestHooks;
  if (scope.__spotifliesTestHooks !== true) return;
  scope.__spotifliesDuckdb = {
    async crash() {
      (await database.current()).stop("its worker was terminated by a test");
    },
  };
}

/**
 * The page's one database, started on the first call; every caller gets the same promise. If starting
 * fails, the rejection is shared too, and a later call tries again.
 */
export function openTracksDatabase(): Promise<TracksDatabase> {
  if (!shared) {
    const opening = starting().then((instance) => {
      const database = new Database(instance);
      exposeTestHooks(database);
      return database;
    });
    shared = opening;
    opening.catch(() => {
      if (shared === opening) shared = undefined;
    });
  }
  return shared;
}
