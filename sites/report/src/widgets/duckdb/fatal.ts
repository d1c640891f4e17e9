/**
 * Which failures leave DuckDB unusable. A wasm trap ("memory access out of bounds", "unreachable") can leave
 * DuckDB's memory in any state, and DuckDB itself invalidates a database after an internal error; either way
 * every later query would fail or, worse, answer wrongly, so the client restarts the database instead.
 * Ordinary query errors (syntax, missing table, DuckDB's own out-of-memory error) are not fatal.
 */

/** The database stopped (crashed, or was restarted) while a query ran; the query did not finish. */
export class DatabaseStoppedError extends Error {
  override name = "DatabaseStoppedError";
}

/**
 * Why the database stopped when a reader detached one of its files from the console (instance.ts,
 * `intact`): the console recognises it, as running the script again would only detach it again.
 */
export const FILES_DETACHED = "a statement in the SQL console detached one of the database's files";

/**
 * What such failures look like as they reach the page: the worker passes on the error's name and message.
 * Anchored at the start, so that a reader's identifier ("unreachable") in an ordinary error never matches.
 */
const FATAL_MESSAGE =
  /^(memory access out of bounds|unreachable|table index is out of bounds|Aborted\(|(FATAL|INTERNAL) Error\b)|database has been invalidated/i;

/** Whether an error from DuckDB's worker means the instance must be replaced. */
export function isFatalError(error: unknown): boolean {
  if (error instanceof DatabaseStoppedError) return true;
  if (!(error instanceof Error)) return false;
  return error.name === "RuntimeError" || FATAL_MESSAGE.test(error.message.replace(/^Error: /, ""));
}
