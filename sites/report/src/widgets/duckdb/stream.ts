/**
 * Runs one statement as a pending query and reads its result batch by batch, so that a caller can stop
 * early (a result of ten million rows is never copied out of DuckDB whole) and cancel at any time.
 *
 * DuckDB-WASM's own `conn.send()` polls until the query is ready with no way to stop it from the page; this
 * does the same polling itself and checks the caller's AbortSignal between messages. Each poll or fetch is a
 * short message to the worker (see POLL_INTERVAL_MS in instance.ts), so other connections' queries get their
 * turn in between.
 */
import type { AsyncDuckDBConnection } from "@duckdb/duckdb-wasm";
import { type RecordBatch, RecordBatchReader, type Schema } from "apache-arrow";
import type { Instance } from "./instance.ts";

/** The query was cancelled by its caller. */
export class QueryCancelledError extends Error {
  override name = "QueryCancelledError";
  constructor() {
    super("The query was cancelled.");
  }
}

export interface StreamedResult {
  /** The result's columns, known before any row is read. */
  schema: Schema;
  /** The result's batches, in order (DuckDB's vectors: at most 2,048 rows each). */
  batches: AsyncIterable<RecordBatch>;
  /** Frees the connection's result; needed only when the batches were not all read. */
  close(): Promise<void>;
}

function checked(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new QueryCancelledError();
}

/**
 * Starts `sql` (one statement) on `connection` and waits until its result can be read. With `stream`,
 * DuckDB produces rows as they are read (a streaming result); without it, the result is computed whole.
 */
async function pending(
  instance: Instance,
  connection: number,
  sql: string,
  stream: boolean,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  const { db } = instance;
  let header = await instance.guard(db.startPendingQuery(connection, sql, stream));
  while (header === null) {
    if (signal?.aborted) {
      await instance.guard(db.cancelPendingQuery(connection)).catch(() => undefined);
      throw new QueryCancelledError();
    }
    header = await instance.guard(db.pollPendingQuery(connection));
  }
  return header;
}

/** Runs a statement whose result is not wanted (e.g. the statements before a script's last). */
export async function execute(
  instance: Instance,
  connection: AsyncDuckDBConnection,
  sql: string,
  signal?: AbortSignal,
): Promise<void> {
  checked(signal);
  await pending(
    instance,
    connection.useUnsafe((_, id) => id),
    sql,
    false,
    signal,
  );
}

/** Runs a statement and returns its result as a stream of Arrow record batches. */
export async function stream(
  instance: Instance,
  connection: AsyncDuckDBConnection,
  sql: string,
  signal?: AbortSignal,
): Promise<StreamedResult> {
  checked(signal);
  const { db } = instance;
  const id = connection.useUnsafe((_, connectionId) => connectionId);
  const header = await pending(instance, id, sql, true, signal);
  let done = false;
  // The IPC stream: the header (the schema), then one message per fetch until an empty one ends it; a
  // fetch answers null while DuckDB is still computing the next rows.
  async function* messages(): AsyncGenerator<Uint8Array> {
    yield header;
    for (;;) {
      checked(signal);
      const bytes = await instance.guard(db.fetchQueryResults(id));
      if (bytes === null) continue;
      if (bytes.length === 0) break;
      yield bytes;
    }
    done = true;
  }
  const reader = await RecordBatchReader.from(messages());
  await reader.open();
  return {
    schema: reader.schema,
    batches: reader as AsyncIterable<RecordBatch>,
    async close() {
      // A streaming result left open holds the connection's transaction; running anything on the
      // connection ends it, so the cheapest query does.
      if (!done && !instance.isStopped)
        await execute(instance, connection, "SELECT 1").catch(() => undefined);
    },
  };
}
