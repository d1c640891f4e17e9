/**
 * A query handed to the SQL console in its page's URL (`/explore/?sql=…`), as figures link to it. The
 * console fills its editor with the query but does not run it: the reader sees what will run first, and
 * nothing (several megabytes of DuckDB included) happens until they choose to.
 */

/** The URL parameter that carries the query. */
export const QUERY_PARAMETER = "sql";

/** Longest linked query the console takes: links stay short, and a mangled URL fills nothing. */
export const MAX_LINKED_QUERY_LENGTH = 4000;

/** The query a URL's search string (`?sql=…`) carries, if any and if short enough. */
export function linkedQuery(search: string): string | undefined {
  const sql = new URLSearchParams(search).get(QUERY_PARAMETER)?.trim();
  if (!sql || sql.length > MAX_LINKED_QUERY_LENGTH) return undefined;
  return sql;
}

/** The search string that hands `sql` to the console; throws when the query is too long for a link. */
export function linkedQuerySearch(sql: string): string {
  if (sql.trim().length > MAX_LINKED_QUERY_LENGTH)
    throw new Error(`A linked query has at most ${MAX_LINKED_QUERY_LENGTH} characters: ${sql.slice(0, 60)}…`);
  return `?${new URLSearchParams({ [QUERY_PARAMETER]: sql.trim() })}`;
}
