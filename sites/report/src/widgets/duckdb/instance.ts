/**
 * One running DuckDB: a worker, DuckDB-WASM instantiated in it, and the tracks database's two files
 * read-only behind the `tracks` view (`@spotiflies/analysis/tracks-view`): the first opened as the main
 * database at start, the track IDs attached when `trackIds()` is first called (after the first answer, 2 s
 * after start-up if no query ran, or when a query needs them). It lives until it stops — its worker fails,
 * a call fails fatally (fatal.ts), the client stops it to cancel a query that would not stop, or a reader
 * detached one of its files (`intact`) — and is then never used again: client.ts starts a new one.
 *
 * Nothing a reader runs in the console can change what the widgets read: the main database is the
 * read-only file (so no one can create a table, view or macro in it, and an in-memory database cannot be
 * attached), and each connection has its own TEMP `tracks` view (`connect`). What remains shared is which
 * files are attached: a reader may `USE ids` and then `DETACH core`, or `DETACH ids`; `intact` finds that.
 */
import { AsyncDuckDB, type AsyncDuckDBConnection, DuckDBAccessMode, VoidLogger } from "@duckdb/duckdb-wasm";
import { CORE_CATALOG, IDS_CATALOG, tracksViewSql } from "@spotiflies/analysis/tracks-view";
import { DatabaseStoppedError, FILES_DETACHED, isFatalError } from "./fatal.ts";
import { CORE_FILE, DUCKDB_WASM, TRACK_IDS_DATABASE } from "./files.ts";
import { afterLoadWhenIdle } from "./idle.ts";
import { type DuckdbStart, markStartup, NO_BYTES, siteFile, TracksDatabaseError } from "./worker-start.ts";

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Settings applied before any reader's SQL runs. The page must never reach beyond its own origin: no
 * extension downloads, no reads of arbitrary URLs, and the reader's SQL cannot switch either back on.
 * All are database-wide, so they hold for every connection. The one file allowed is the track IDs'
 * (and the write-ahead log DuckDB looks for beside it), attached after the lockdown.
 */
const LOCKDOWN = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
  `SET allowed_paths = [${quoted(TRACK_IDS_DATABASE)}, ${quoted(`${TRACK_IDS_DATABASE}.wal`)}]`,
  "SET enable_external_access = false",
  "SET lock_configuration = true",
];

/**
 * How long DuckDB works on a pending query before answering a poll, in milliseconds. Between polls the
 * worker answers other messages, so this bounds how long a widget waits behind the console's query and how
 * soon a cancel is heard (one task can overrun it: up to ≈ 0.15 s measured on 2 cores).
 */
const POLL_INTERVAL_MS = 50;

/** When the track IDs load if no query has answered since start-up (a query's answer starts them sooner). */
const IDS_AFTER_START_MS = 2000;

export class Instance {
  readonly #worker: Worker;
  #stop: (error: DatabaseStoppedError) => void = () => undefined;
  #stopped = false;
  #trackIds: Promise<void> | undefined;
  #attaching = false;
  #attached = false;
  /** Each connection's `tracks` view: whether it reads the track IDs (set when it was last defined). */
  readonly #views = new WeakMap<AsyncDuckDBConnection, boolean>();
  /** The instance's own connection, for attaching the IDs and checking the attached files. */
  #own: Promise<AsyncDuckDBConnection> | undefined;
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

  /** A new connection, with its own `tracks` view. */
  async connect(): Promise<AsyncDuckDBConnection> {
    const connection = await this.guard(this.db.connect());
    await this.ready(connection);
    return connection;
  }

  /**
   * (Re)defines the connection's `tracks` view if the track IDs were attached since it was defined. Called
   * before each query on a connection, between its queries, as defining the view would end a streamed one.
   */
  async ready(connection: AsyncDuckDBConnection): Promise<void> {
    const ids = this.#attached;
    if (this.#views.get(connection) === ids) return;
    await this.guard(connection.query(tracksViewSql({ ids })));
    this.#views.set(connection, ids);
  }

  #ownConnection(): Promise<AsyncDuckDBConnection> {
    this.#own ??= this.guard(this.db.connect());
    return this.#own;
  }

  /**
   * Whether the files are attached as this instance attached them: the first file as `core`, and the track
   * IDs as `ids` once this instance attached them (and no `ids` before). The console's connection can
   * detach either (after `USE` of another), and that holds for every connection; then the instance is
   * stopped, so the client starts a fresh one. Runs on the instance's own connection, so a result the
   * console is streaming is not disturbed.
   */
  async intact(): Promise<boolean> {
    const connection = await this.#ownConnection();
    const table = await this.guard(
      connection.query(
        `SELECT database_name AS name, path, readonly FROM duckdb_databases() WHERE database_name IN (${quoted(CORE_CATALOG)}, ${quoted(IDS_CATALOG)})`,
      ),
    );
    const attached = new Map(
      table
        .toArray()
        .map((row) => [String(row.name), { path: String(row.path), readonly: row.readonly === true }]),
    );
    const holds = (name: string, file: string) => {
      const database = attached.get(name);
      // The path as DuckDB's virtual file system reports it: the registered name, maybe under a folder.
      return database?.readonly === true && (database.path === file || database.path.endsWith(`/${file}`));
    };
    if (!holds(CORE_CATALOG, CORE_FILE)) return false;
    if (this.#attached) return holds(IDS_CATALOG, TRACK_IDS_DATABASE);
    // While this instance is attaching the IDs, they may or may not be there yet.
    return this.#attaching
      ? !attached.has(IDS_CATALOG) || holds(IDS_CATALOG, TRACK_IDS_DATABASE)
      : !attached.has(IDS_CATALOG);
  }

  /**
   * Checks `intact` and stops the instance if it is not, so that what the reader broke is gone with it;
   * returns whether it stopped. The check failing counts as damage: it fails where the catalog the
   * instance's own connection starts in (`core`) was detached.
   */
  async stopIfDamaged(): Promise<boolean> {
    if (this.#stopped) return true;
    const ok = await this.intact().catch(() => false);
    if (ok || this.#stopped) return this.#stopped;
    this.stop(FILES_DETACHED);
    return true;
  }

  /** Whether the track IDs are attached, so that the `tracks` view reads them. */
  get hasTrackIds(): boolean {
    return this.#attached;
  }

  /** Starts loading the track IDs unless they are loading or loaded; failures surface in `trackIds()`. */
  prefetchTrackIds(): void {
    if (!this.#stopped) this.trackIds().catch(() => undefined);
  }

  /**
   * Downloads and attaches the track IDs once, after which each connection's `tracks` reads them (`ready`);
   * every later call gets the same promise. A failed download is tried again on the next call.
   */
  trackIds(): Promise<void> {
    if (!this.#trackIds) {
      const attaching = this.guard(this.#attachTrackIds());
      this.#trackIds = attaching;
      attaching.catch(() => {
        if (this.#trackIds === attaching) this.#trackIds = undefined;
      });
    }
    return this.#trackIds;
  }

  async #attachTrackIds(): Promise<void> {
    // The worker downloads the file itself (worker-prelude.ts); a failed download rejects this.
    await this.db.registerFileBuffer(TRACK_IDS_DATABASE, NO_BYTES());
    const connection = await this.#ownConnection();
    this.#attaching = true;
    try {
      await connection.query(`ATTACH ${quoted(TRACK_IDS_DATABASE)} AS ${IDS_CATALOG} (READ_ONLY)`);
    } finally {
      this.#attaching = false;
    }
    this.#attached = true;
    markStartup("ids");
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
        // The worker downloaded the file itself (worker-prelude.ts); a restart's new worker downloads it
        // again (from the cache).
        await db.registerFileBuffer(CORE_FILE, NO_BYTES());
        await db.open({
          path: CORE_FILE,
          accessMode: DuckDBAccessMode.READ_ONLY,
          query: { queryPollingInterval: POLL_INTERVAL_MS },
        });
        const connection = await db.connect();
        // One script, run in order: one round trip to the worker instead of one per statement.
        await connection.query(LOCKDOWN.join(";\n"));
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
  const instance = new Instance(db, worker);
  // The IDs come after the first answer (the client calls prefetchTrackIds), so that neither their
  // download nor their attaching delays it; or a while after start-up where no query has run.
  setTimeout(() => afterLoadWhenIdle(() => instance.prefetchTrackIds()), IDS_AFTER_START_MS);
  return instance;
}
