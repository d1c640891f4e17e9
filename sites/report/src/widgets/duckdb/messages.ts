/**
 * DuckDB's error message as a reader should see it. DuckDB-WASM repeats the `LINE 1: … ^` excerpt that
 * points at the error; paragraphs that repeat the one before are dropped, and the rest is kept verbatim.
 *
 * Errors thrown while a pending (cancellable) query starts — parser errors, chiefly — arrive as DuckDB's
 * JSON form of the error instead, e.g. `{"exception_type":"Parser","exception_message":"…","position":"0"}`;
 * those are written out as DuckDB writes them (`Parser Error: …` and the excerpt, given the statement).
 */
export function readableError(message: string, sql?: string): string {
  const paragraphs = (fromJson(message, sql) ?? message).trim().split(/\n{2,}/);
  return paragraphs.filter((paragraph, index) => paragraph !== paragraphs[index - 1]).join("\n\n");
}

interface ErrorJson {
  exception_type?: unknown;
  exception_message?: unknown;
  position?: unknown;
}

function fromJson(message: string, sql: string | undefined): string | undefined {
  if (!message.startsWith("{")) return undefined;
  let error: ErrorJson;
  try {
    error = JSON.parse(message) as ErrorJson;
  } catch {
    return undefined;
  }
  if (typeof error.exception_type !== "string" || typeof error.exception_message !== "string")
    return undefined;
  const text = `${error.exception_type} Error: ${error.exception_message}`;
  const position = Number(error.position);
  if (sql === undefined || error.position === undefined || !Number.isInteger(position)) return text;
  return `${text}\n\n${errorExcerpt(sql, position)}`;
}

/** How far either side of the error the excerpt reaches, in characters, as in DuckDB. */
const EXCERPT_REACH = 40;

/**
 * The line of `sql` holding character `position`, cut to 40 characters either side, with a caret under
 * the position: DuckDB's own `LINE n: …` excerpt (for text whose characters are one column wide).
 */
export function errorExcerpt(sql: string, position: number): string {
  const at = Math.min(Math.max(0, position), sql.length);
  const lineStart = sql.lastIndexOf("\n", at - 1) + 1;
  const newline = sql.indexOf("\n", at);
  const lineEnd = newline === -1 ? sql.length : newline;
  const lineNumber = sql.slice(0, lineStart).split("\n").length;
  const start = at - lineStart >= EXCERPT_REACH ? at - EXCERPT_REACH + 1 : lineStart;
  const end = lineEnd - at >= EXCERPT_REACH ? at + EXCERPT_REACH - 1 : lineEnd;
  const label = `LINE ${lineNumber}: `;
  const before = start > lineStart ? "..." : "";
  const after = end < lineEnd ? "..." : "";
  const caret = " ".repeat(label.length + before.length + (at - start));
  return `${label}${before}${sql.slice(start, end)}${after}\n${caret}^`;
}
