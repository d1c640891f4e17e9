/**
 * The files the site serves under `${base}duckdb/` for the browser widgets. Shared by the build
 * integration that copies them and the client that loads them, so the two cannot drift apart.
 *
 * Only DuckDB-WASM's "eh" bundle is shipped: it is 0.5–0.9 s faster to first result than "mvp" and every
 * browser with WebAssembly exception handling (Chromium 95+, Firefox 100+, Safari 15.2+) runs it.
 */
export const DUCKDB_DIR = "duckdb";
export const DUCKDB_WASM = "duckdb-eh.wasm";
/** DuckDB-WASM's eh worker script behind the site's own prelude (see integrations/duckdb-worker.ts). */
export const DUCKDB_WORKER = "duckdb-worker.js";
/** The analysis's database file (`TRACKS_DUCKDB` in `@spotiflies/analysis`), served under the same name. */
export const TRACKS_DATABASE = "tracks.duckdb";

/** The three files, in the order a page needs them. */
export const DUCKDB_FILES = [DUCKDB_WORKER, DUCKDB_WASM, TRACKS_DATABASE] as const;
