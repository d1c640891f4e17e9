/**
 * The SQL console's logic, loaded on first use by the bootstrap script in SqlConsole.astro: runs the
 * editor's SQL on a connection of its own (so the other widgets never wait behind it), shows the first
 * rows of the result in a ResultsTable, streams the whole result as CSV on request, and lists the schema.
 * A running query shows its elapsed time and a Cancel button after a second.
 */

import { int } from "../../site/format.ts";
import {
  DatabaseStoppedError,
  FILES_DETACHED,
  openTracksDatabase,
  QueryCancelledError,
  QueryError,
  type QuerySession,
  type TracksDatabase,
} from "../duckdb/client.ts";
import { downloadBlob } from "../ui/csv.ts";
import { ResultsTable } from "../ui/results-table.ts";
import { countAll, readBounded } from "./bounded.ts";
import { isReadOnlyStatement, resultToCsv } from "./csv-download.ts";
import { EXAMPLE_QUERIES } from "./examples.ts";
import { extentText, formatElapsed, formatMilliseconds, rowCountText } from "./format.ts";
import { readSchema, renderSchema } from "./schema.ts";
import { splitStatements } from "./statements.ts";

export { formatMilliseconds, rowCountText } from "./format.ts";

export interface SqlConsole {
  /** Runs the editor's SQL; ignored while a query is running. */
  run(): Promise<void>;
}

/** The console's state, mirrored on the root's `data-state` for styling and tests. */
export type ConsoleState = "idle" | "starting" | "running" | "done" | "error" | "cancelled" | "unavailable";

/** Statements that can change the schema; after them the schema browser is read again. */
const SCHEMA_CHANGE = /\b(create|drop|alter|attach|detach)\b/i;
/** Longest query the console sends: far beyond any query a reader writes, short of what strains the worker. */
export const MAX_QUERY_LENGTH = 100_000;
/** A query shows its elapsed time and the Cancel button once it has run this long. */
export const SHOW_PROGRESS_AFTER_MS = 1_000;
/**
 * How long a cancelled query may take to stop before the database is restarted instead. DuckDB hears a
 * cancel between two of its tasks (≈ 0.15 s at most, measured); this leaves room for that within 0.5 s.
 */
export const STOP_WAIT_MS = 350;
const LOST_TABLES = "Temporary tables and settings from earlier queries are gone.";

function part<T extends HTMLElement>(root: HTMLElement, name: string): T {
  const found = root.querySelector<T>(`[data-part="${name}"]`);
  if (!found) throw new Error(`SQL console markup lacks [data-part="${name}"]`);
  return found;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the console remembers of the shown result, for the download. */
interface Shown {
  statement: string;
  complete: boolean;
}

export function mountSqlConsole(root: HTMLElement): SqlConsole {
  const editor = part<HTMLTextAreaElement>(root, "editor");
  const runButton = part<HTMLButtonElement>(root, "run");
  const cancelButton = part<HTMLButtonElement>(root, "cancel");
  const elapsed = part<HTMLElement>(root, "elapsed");
  const status = part<HTMLElement>(root, "status");
  const errorBox = part<HTMLElement>(root, "error");
  const fallback = part<HTMLElement>(root, "fallback");
  const schemaBox = part<HTMLDetailsElement>(root, "schema");
  const schemaBody = part<HTMLElement>(root, "schema-body");
  const table = new ResultsTable({
    label: "Query results",
    fileName: "spotiflies-query",
    onDownload: () => void download(),
  });
  part<HTMLElement>(root, "results").append(table.element);

  let database: TracksDatabase | undefined;
  let session: QuerySession | undefined;
  /** The running operation (a query or a download) and its cancel switch. */
  let current: { work: Promise<void>; controller: AbortController; cancelled: boolean } | undefined;
  let schemaLoaded = false;
  let shown: Shown | undefined;

  const setState = (state: ConsoleState, message: string) => {
    root.dataset.state = state;
    status.textContent = message;
  };
  const showError = (message: string | undefined) => {
    errorBox.hidden = message === undefined;
    errorBox.textContent = message ?? "";
  };

  async function open(): Promise<QuerySession | undefined> {
    if (session) return session;
    setState(
      "starting",
      "Starting DuckDB in your browser (the first time, this downloads several megabytes)…",
    );
    try {
      database = await openTracksDatabase();
      session = database.openSession();
      database.onRestart((reason) => {
        schemaLoaded = false;
        // A running operation says so itself when it fails.
        if (current) return;
        setState(
          "idle",
          `DuckDB stopped and restarted by itself, so the console works again. ${LOST_TABLES}`,
        );
        showError(reason);
      });
      return session;
    } catch (error) {
      fallback.hidden = false;
      setState("unavailable", "DuckDB could not start in this browser, so the console cannot run queries.");
      showError((error as Error).message);
      return undefined;
    }
  }

  async function refreshSchema(db: QuerySession): Promise<void> {
    try {
      renderSchema(schemaBody, await readSchema(db));
      schemaLoaded = true;
    } catch (error) {
      schemaBody.textContent = `The schema could not be read: ${(error as Error).message}`;
    }
  }

  schemaBox.addEventListener("toggle", () => {
    // While a query runs the connection is busy; the schema is read when it ends.
    if (!schemaBox.open || schemaLoaded || current) return;
    void open().then((db) => db && refreshSchema(db));
  });

  /**
   * Runs one operation at a time: the Run button is off meanwhile, and after a second the elapsed time
   * and the Cancel button appear. Returns false when another operation is running.
   */
  async function operate(task: (db: QuerySession, signal: AbortSignal) => Promise<void>): Promise<boolean> {
    if (current) return false;
    const controller = new AbortController();
    const started = performance.now();
    runButton.disabled = true;
    root.setAttribute("aria-busy", "true");
    showError(undefined);
    const clock = setInterval(() => {
      const ms = performance.now() - started;
      if (ms < SHOW_PROGRESS_AFTER_MS) return;
      elapsed.textContent = formatElapsed(ms);
      cancelButton.hidden = false;
    }, 100);
    const work = (async () => {
      const db = await open();
      if (db) await task(db, controller.signal);
    })();
    current = { work, controller, cancelled: false };
    try {
      await work;
    } finally {
      clearInterval(clock);
      current = undefined;
      elapsed.textContent = "";
      cancelButton.hidden = true;
      // Left enabled after a failed start too: a later run tries again.
      runButton.disabled = false;
      root.removeAttribute("aria-busy");
    }
    return true;
  }

  /** Cancels the running operation; if DuckDB does not stop in time, the database restarts instead. */
  async function cancel(): Promise<void> {
    const running = current;
    if (!running || running.cancelled) return;
    running.cancelled = true;
    running.controller.abort();
    const stopped = await Promise.race([
      running.work.then(
        () => true,
        () => true,
      ),
      delay(STOP_WAIT_MS),
    ]);
    if (!stopped) session?.restartDatabase("a cancelled query did not stop in time");
  }

  /** The outcome of an operation that did not finish: cancelled, the database stopped, or DuckDB's error. */
  function failed(error: unknown, what: string, started: number): void {
    const seconds = formatElapsed(performance.now() - started);
    if (error instanceof QueryCancelledError) {
      setState("cancelled", `Cancelled after ${seconds}.`);
    } else if (error instanceof DatabaseStoppedError && current?.cancelled) {
      setState(
        "cancelled",
        `Cancelled after ${seconds}: DuckDB did not stop at once, so it restarted. ${LOST_TABLES}`,
      );
    } else if (error instanceof DatabaseStoppedError && error.message.includes(FILES_DETACHED)) {
      setState(
        "error",
        `The ${what} detached a database file every query needs, so DuckDB restarted by itself with its files attached again. ${LOST_TABLES}`,
      );
      showError(error.message);
    } else if (error instanceof DatabaseStoppedError) {
      setState(
        "error",
        `DuckDB stopped during the ${what} and restarted by itself; run it again. ${LOST_TABLES}`,
      );
      showError(error.message);
    } else {
      setState("error", `The ${what} failed; DuckDB says:`);
      showError(error instanceof QueryError ? error.message : String(error));
    }
  }

  async function run(): Promise<void> {
    const sql = editor.value.trim();
    if (current) return;
    if (sql === "") {
      setState("idle", "Write a query first.");
      return;
    }
    if (sql.length > MAX_QUERY_LENGTH) {
      setState(
        "error",
        `The query has ${int(sql.length)} characters; the console runs queries of at most ` +
          `${int(MAX_QUERY_LENGTH)}.`,
      );
      return;
    }
    let ran: QuerySession | undefined;
    await operate(async (db, signal) => {
      ran = db;
      await runOn(db, sql, signal);
    });
    if (ran && (!schemaLoaded || SCHEMA_CHANGE.test(sql))) await refreshSchema(ran);
  }

  async function runOn(db: QuerySession, sql: string, signal: AbortSignal): Promise<void> {
    setState("running", "Running…");
    const started = performance.now();
    const statements = splitStatements(sql);
    try {
      // An example may run before the track IDs have loaded (see RunOptions): they are known to need none.
      const early = EXAMPLE_QUERIES.some((example) => example.sql.trim() === sql.trim());
      const result = await readBounded(await db.run(statements, signal, { early }));
      const milliseconds = performance.now() - started;
      table.show(result.columns, result.rows);
      let { extent } = result;
      const last = statements.at(-1) ?? sql;
      if (!extent.complete && isReadOnlyStatement(last)) {
        setState("running", `${capitalised(extentText(extent))}; counting them all…`);
        const total = await countAll((count) => db.run([count], signal), last);
        if (total !== undefined && total >= extent.counted)
          extent = { ...extent, counted: total, complete: true };
      }
      shown = {
        statement: last,
        complete: extent.complete && extent.shown === extent.counted,
      };
      setState(
        "done",
        `${capitalised(extentText(extent))} in ${formatMilliseconds(milliseconds)}` +
          (shown.complete ? "" : "; sorting orders the rows shown (ORDER BY in the query sorts them all)") +
          (statements.length > 1
            ? ` — the result of the last of ${statements.length} statements (each one ran, in order)`
            : ""),
      );
      performance.mark("sql-console:result");
    } catch (error) {
      table.clear();
      shown = undefined;
      failed(error, "query", started);
    }
  }

  /**
   * Downloads the shown result as CSV: from the table when it holds all of it, else by running the
   * statement again and streaming every row into the file (only statements that just read are re-run).
   */
  async function download(): Promise<void> {
    const result = shown;
    if (!result) return;
    if (result.complete || !isReadOnlyStatement(result.statement)) {
      table.download();
      if (!result.complete)
        setState(
          "done",
          "Downloaded the rows shown: the query changes data, so it is not run again for the rest.",
        );
      return;
    }
    await operate(async (db, signal) => {
      setState("running", "Writing the whole result as CSV…");
      const started = performance.now();
      try {
        let told = started;
        const blob = await resultToCsv(await db.run([result.statement], signal), (rows) => {
          // Once a second at most: the status line is a live region, read out on every change.
          if (performance.now() - told < 1_000) return;
          told = performance.now();
          status.textContent = `Writing the whole result as CSV… ${rowCountText(rows)} so far`;
        });
        downloadBlob(blob, "spotiflies-query.csv");
        setState(
          "done",
          `Downloaded the whole result as CSV (${formatMilliseconds(performance.now() - started)}).`,
        );
      } catch (error) {
        failed(error, "download", started);
      }
    });
  }

  cancelButton.addEventListener("click", () => void cancel());
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) {
      event.preventDefault();
      void cancel();
    }
  });

  return { run };
}
