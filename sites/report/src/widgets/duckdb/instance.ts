/**
 * One running DuckDB: a worker, DuckDB-WASM instantiated in it, and the tracks database's two files
 * attached read-only behind the `tracks` view (`@spotiflies/analysis/tracks-view`): the first at start,
 * the track IDs when `trackIds()` is first called (after the first answer, 2 s after start-up if no query
 * ran, or when a query needs them). It lives until it stops — its worker fails, a call fails fatally
 * (fatal.ts) or the client stops it to cancel a query that would not stop — and is then never used again:
 * client.ts starts a new one. The in-memory database holding the view is writable, as the console's
 * temporary tables always were; the two files stay read-only.
 */
import { AsyncDuckDB, type AsyncDuckDBConnection, VoidLogger } from "@duckdb/duckdb-wasm";
import { CORE_CATALOG, IDS_CATALOG, tracksViewSql } from "@spotiflies/analysis/tracks-view";
import { DatabaseStoppedError, isFatalError } from "./fatal.ts";
import { DUCKDB_WASM, TRACK_IDS_DATABASE, TRACKS_DATABASE } from "./files.ts";
import { afterLoadWhenIdle } from "./idle.ts";
import {
  type DuckdbStart,
  fetchTrackIds,
  markStartup,
  siteFile,
  TracksDatabaseError,
} from "./worker-start.ts";

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
  #attached = false;
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

  /** Whether the track IDs are attached, so that the `tracks` view reads them. */
  get hasTrackIds(): boolean {
    return this.#attached;
  }

  /** Starts loading the track IDs unless they are loading or loaded; failures surface in `trackIds()`. */
  prefetchTrackIds(): void {
    if (!this.#stopped) this.trackIds().catch(() => undefined);
  }

  /**
   * Downloads and attaches the track IDs once, then redefines `tracks` to read them; every later call
   * gets the same promise. A failed download is tried again on the next call.
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
    const bytes = await fetchTrackIds();
    await this.db.registerFileBuffer(TRACK_IDS_DATABASE, bytes);
    const connection = await this.db.connect();
    try {
      await connection.query(`ATTACH ${quoted(TRACK_IDS_DATABASE)} AS ${IDS_CATALOG} (READ_ONLY)`);
      await connection.query(tracksViewSql({ ids: true }));
    } finally {
      await connection.close();
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
        // The buffer is transferred to the worker: a restart downloads the file again (from the cache).
        await db.registerFileBuffer(TRACKS_DATABASE, await database);
        // An in-memory database holds the `tracks` view over the attached files, which stay read-only.
        await db.open({ path: ":memory:", query: { queryPollingInterval: POLL_INTERVAL_MS } });
        const connection = await db.connect();
        await connection.query(`ATTACH ${quoted(TRACKS_DATABASE)} AS ${CORE_CATALOG} (READ_ONLY)`);
        await connection.query(tracksViewSql({ ids: false }));
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
  const instance = new Instance(db, worker);
  // The IDs come after the first answer (the client calls prefetchTrackIds), so that neither their
  // download nor their attaching delays it; or a while after start-up where no query has run.
  setTimeout(() => afterLoadWhenIdle(() => instance.prefetchTrackIds()), IDS_AFTER_START_MS);
  return instance;
}
