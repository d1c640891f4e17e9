/**
 * One running DuckDB: a worker, DuckDB-WASM instantiated in it, and the tracks database opened read-only.
 * It lives until it stops — its worker fails, a call fails fatally (fatal.ts) or the client stops it to
 * cancel a query that would not stop — and is then never used again: client.ts starts a new one.
 */
import { AsyncDuckDB, type AsyncDuckDBConnection, DuckDBAccessMode, VoidLogger } from "@duckdb/duckdb-wasm";
import { DatabaseStoppedError, isFatalError } from "./fatal.ts";
import { DUCKDB_WASM, TRACKS_DATABASE } from "./files.ts";
import { type DuckdbStart, markStartup, siteFile, TracksDatabaseError } from "./worker-start.ts";

/**
 * Settings applied before any reader's SQL runs. The page must never reach beyond its own origin: no
 * extension downloads, no reads of arbitrary URLs, and the reader's SQL cannot switch either back on.
 * All four are database-wide, so they hold for every connection.
 */
const LOCKDOWN = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
  "SET enable_external_access = false",
  "SET lock_configuration = true",
];

/**
 * How long DuckDB works on a pending query before answering a poll, in milliseconds. Between polls the
 * worker answers other messages, so this bounds how long a widget waits behind the console's query and how
 * soon a cancel is heard (one task can overrun it: up to ≈ 0.15 s measured on 2 cores).
 */
const POLL_INTERVAL_MS = 50;

export class Instance {
  readonly #worker: Worker;
  #stop: (error: DatabaseStoppedError) => void = () => undefined;
  #stopped = false;
  /** Rejects once the instance has stopped; never resolves. */
  readonly stopped: Promise<never>;

  constructor(
    readonly db: AsyncDuckDB,
    worker: Worker,
  ) {
    this.#worker = worker;
    this.stopped = new Promise<never>((_, reject) => {
      this.#stop = reject;
    });
    this.stopped.catch(() => undefined);
    // After start-up, an uncaught error in the worker means DuckDB's state is unknown.
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.stop(`its worker failed${event.message ? `: ${event.message}` : ""}`);
    });
  }

  get isStopped(): boolean {
    return this.#stopped;
  }

  /** Ends the instance at once: its worker is terminated and every call still waiting on it rejects. */
  stop(reason: string): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#worker.terminate();
    this.#stop(new DatabaseStoppedError(`The in-browser database stopped (${reason}).`));
  }

  /**
   * Waits for a call to the worker. A terminated worker never answers, so the wait also ends when the
   * instance stops; a fatal error stops the instance, so that nothing else uses it, and is reported as a
   * DatabaseStoppedError.
   */
  async guard<T>(call: Promise<T>): Promise<T> {
    if (this.#stopped) throw new DatabaseStoppedError("The in-browser database has stopped.");
    try {
      return await Promise.race([call, this.stopped]);
    } catch (error) {
      if (!isFatalError(error)) throw error;
      this.stop((error as Error).message);
      throw error instanceof DatabaseStoppedError
        ? error
        : new DatabaseStoppedError(`The in-browser database stopped (${(error as Error).message}).`);
    }
  }

  connect(): Promise<AsyncDuckDBConnection> {
    return this.guard(this.db.connect());
  }
}

/** Instantiates DuckDB in the started worker and opens the downloaded database file. */
export async function startInstance({ worker, failed, database }: DuckdbStart): Promise<Instance> {
  // Settles only if the download fails, so that a failure ends the start-up at once.
  const downloadFailed = database.then(() => new Promise<never>(() => undefined));
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  try {
    await Promise.race([
      failed,
      downloadFailed,
      (async () => {
        await db.instantiate(siteFile(DUCKDB_WASM));
        markStartup("instantiated");
        // The buffer is transferred to the worker: a restart downloads the file again (from the cache).
        await db.registerFileBuffer(TRACKS_DATABASE, await database);
        await db.open({
          path: TRACKS_DATABASE,
          accessMode: DuckDBAccessMode.READ_ONLY,
          query: { queryPollingInterval: POLL_INTERVAL_MS },
        });
        const connection = await db.connect();
        for (const statement of LOCKDOWN) await connection.query(statement);
        await connection.close();
        markStartup("ready");
      })(),
    ]);
  } catch (error) {
    worker.terminate();
    throw error instanceof TracksDatabaseError
      ? error
      : new TracksDatabaseError(`The database could not be opened: ${(error as Error).message}`);
  }
  return new Instance(db, worker);
}
