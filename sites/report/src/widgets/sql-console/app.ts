/**
 * The SQL console's logic, loaded on first use by the bootstrap script in SqlConsole.astro: runs the
 * editor's SQL on the page's shared DuckDB, shows the result in a ResultsTable, and lists the schema.
 */
import { openTracksDatabase, QueryError, type TracksDatabase } from "../duckdb/client.ts";
import { ResultsTable } from "../ui/results-table.ts";
import { readSchema, renderSchema } from "./schema.ts";
import { countStatements } from "./statements.ts";

export interface SqlConsole {
  /** Runs the editor's SQL; ignored while a query is running. */
  run(): Promise<void>;
}

/** The console's state, mirrored on the root's `data-state` for styling and tests. */
export type ConsoleState = "idle" | "starting" | "running" | "done" | "error" | "unavailable";

/** Statements that can change the schema; after them the schema browser is read again. */
const SCHEMA_CHANGE = /\b(create|drop|alter|attach|detach)\b/i;
/** Longest query the console sends: far beyond any query a reader writes, short of what strains the worker. */
export const MAX_QUERY_LENGTH = 100_000;

function part<T extends HTMLElement>(root: HTMLElement, name: string): T {
  const found = root.querySelector<T>(`[data-part="${name}"]`);
  if (!found) throw new Error(`SQL console markup lacks [data-part="${name}"]`);
  return found;
}

export function formatMilliseconds(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString("en-US")} ms`;
}

export function rowCountText(rows: number): string {
  return `${rows.toLocaleString("en-US")} ${rows === 1 ? "row" : "rows"}`;
}

export function mountSqlConsole(root: HTMLElement): SqlConsole {
  const editor = part<HTMLTextAreaElement>(root, "editor");
  const runButton = part<HTMLButtonElement>(root, "run");
  const status = part<HTMLElement>(root, "status");
  const errorBox = part<HTMLElement>(root, "error");
  const fallback = part<HTMLElement>(root, "fallback");
  const schemaBox = part<HTMLDetailsElement>(root, "schema");
  const schemaBody = part<HTMLElement>(root, "schema-body");
  const table = new ResultsTable({ label: "Query results", fileName: "spotiflies-query" });
  part<HTMLElement>(root, "results").append(table.element);

  let database: TracksDatabase | undefined;
  let running = false;
  let schemaLoaded = false;

  const setState = (state: ConsoleState, message: string) => {
    root.dataset.state = state;
    status.textContent = message;
  };
  const showError = (message: string | undefined) => {
    errorBox.hidden = message === undefined;
    errorBox.textContent = message ?? "";
  };

  async function open(): Promise<TracksDatabase | undefined> {
    if (database) return database;
    setState(
      "starting",
      "Starting DuckDB in your browser (the first time, this downloads several megabytes)…",
    );
    try {
      database = await openTracksDatabase();
      return database;
    } catch (error) {
      fallback.hidden = false;
      setState("unavailable", "DuckDB could not start in this browser, so the console cannot run queries.");
      showError((error as Error).message);
      return undefined;
    }
  }

  async function refreshSchema(db: TracksDatabase): Promise<void> {
    try {
      renderSchema(schemaBody, await readSchema(db));
      schemaLoaded = true;
    } catch (error) {
      schemaBody.textContent = `The schema could not be read: ${(error as Error).message}`;
    }
  }

  schemaBox.addEventListener("toggle", () => {
    if (!schemaBox.open || schemaLoaded) return;
    void open().then((db) => db && refreshSchema(db));
  });

  async function run(): Promise<void> {
    if (running) return;
    const sql = editor.value.trim();
    if (sql === "") {
      setState("idle", "Write a query first.");
      return;
    }
    if (sql.length > MAX_QUERY_LENGTH) {
      setState(
        "error",
        `The query has ${sql.length.toLocaleString("en-US")} characters; the console runs queries of at most ` +
          `${MAX_QUERY_LENGTH.toLocaleString("en-US")}.`,
      );
      return;
    }
    running = true;
    runButton.disabled = true;
    root.setAttribute("aria-busy", "true");
    showError(undefined);
    let db: TracksDatabase | undefined;
    try {
      db = await open();
      if (db) await runOn(db, sql);
    } finally {
      running = false;
      // Left enabled after a failed start too: a later run tries again.
      runButton.disabled = false;
      root.removeAttribute("aria-busy");
    }
    if (db && (!schemaLoaded || SCHEMA_CHANGE.test(sql))) await refreshSchema(db);
  }

  async function runOn(db: TracksDatabase, sql: string): Promise<void> {
    setState("running", "Running…");
    try {
      const result = await db.query(sql);
      table.show(result.columns, result.rows);
      const statements = countStatements(sql);
      setState(
        "done",
        `${rowCountText(result.rows.length)} in ${formatMilliseconds(result.milliseconds)}` +
          (statements > 1
            ? ` — the result of the last of ${statements} statements (each one ran, in order)`
            : ""),
      );
      performance.mark("sql-console:result");
    } catch (error) {
      table.clear();
      setState("error", "The query failed; DuckDB says:");
      showError(error instanceof QueryError ? error.message : String(error));
    }
  }

  return { run };
}
