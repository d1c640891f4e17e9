/**
 * The files the site serves under `${base}duckdb/` for the browser widgets. Shared by the build
 * integration that copies them and the client that loads them, so the two cannot drift apart.
 *
 * Only DuckDB-WASM's "eh" bundle is shipped: it is 0.5–0.9 s faster to first result than "mvp" and every
 * browser with WebAssembly exception handling (Chromium 95+, Firefox 100+, Safari 15.2+) runs it.
 */
import type { PreludeDatabase } from "./worker-prelude.ts";

export const DUCKDB_DIR = "duckdb";
/** The worker the page starts: the site's prelude (worker-prelude.ts), which then loads DuckDB's script. */
export const DUCKDB_WORKER = "duckdb-worker.js";
/** DuckDB-WASM's own eh worker script, as published. */
export const DUCKDB_WORKER_SCRIPT = "duckdb-browser-eh.worker.js";
/** DuckDB-WASM's eh wasm with only the exports its worker uses (integrations/duckdb-worker.ts says why). */
export const DUCKDB_WASM = "duckdb-eh-slim.wasm";
/**
 * The analysis's two database files (`TRACKS_DUCKDB` and `TRACK_IDS_DUCKDB` in `@spotiflies/analysis`),
 * served under the same names: every row without the track and recording IDs, which the first answers
 * need, and the IDs, loaded after them (`@spotiflies/analysis/tracks-view` says why).
 */
export const TRACKS_DATABASE = "tracks.duckdb";
export const TRACK_IDS_DATABASE = "track-ids.duckdb";

/**
 * The name the first file is registered and opened under in DuckDB's virtual file system: DuckDB names the
 * main database after its file, so this makes it the `core` catalog the view reads, as in Node, where it is
 * attached under that name. Spelled out rather than built from `CORE_CATALOG`, which would bring the view's
 * module into the page's first script; a test checks that the two agree.
 */
export const CORE_FILE = "core.duckdb";

/**
 * The database files DuckDB's worker downloads itself (worker-prelude.ts says why), by the name the page
 * registers each under: the first at once, the track IDs when the page asks for them.
 */
export const WORKER_DATABASES: Record<string, PreludeDatabase> = {
  [CORE_FILE]: { file: TRACKS_DATABASE, label: "The database file", prefetch: true },
  [TRACK_IDS_DATABASE]: { file: TRACK_IDS_DATABASE, label: "The track IDs' database file", prefetch: false },
};

/** The files, in the order a page needs them. */
export const DUCKDB_FILES = [
  DUCKDB_WORKER,
  DUCKDB_WORKER_SCRIPT,
  DUCKDB_WASM,
  TRACKS_DATABASE,
  TRACK_IDS_DATABASE,
] as const;
