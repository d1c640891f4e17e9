/**
 * Starts what DuckDB needs from the network — its worker, which compiles the wasm as it downloads, and
 * the tracks database — before DuckDB-WASM's own JavaScript (client.ts, ≈ 100 kB gzipped with Arrow) has
 * arrived. This module is small enough for a page's first script; preload.ts calls `prestartDuckdb` as
 * soon as a widget nears the viewport, and the client takes over what it started.
 */
import { DUCKDB_DIR, DUCKDB_WORKER, TRACK_IDS_DATABASE, TRACKS_DATABASE } from "./files.ts";

/** Why the in-browser database is unavailable, in words a reader can act on. */
export class TracksDatabaseError extends Error {
  override name = "TracksDatabaseError";
}

/** What has been started: DuckDB's worker, and the database file's download. */
export interface DuckdbStart {
  worker: Worker;
  /** Rejects when the worker script fails to load or fails while starting. */
  failed: Promise<never>;
  database: Promise<Uint8Array>;
}

/** The absolute URL of one of the files the site serves under `${base}duckdb/`. */
export function siteFile(name: string): string {
  return new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, "/")}${DUCKDB_DIR}/${name}`, location.href).href;
}

function workerFailure(worker: Worker): Promise<never> {
  return new Promise((_, reject) => {
    worker.addEventListener(
      "error",
      (event) => {
        event.preventDefault();
        const detail = event.message ? `: ${event.message.replace(/^Uncaught /, "")}` : ".";
        reject(new TracksDatabaseError(`The database worker could not start${detail}`));
      },
      { once: true },
    );
  });
}

async function fetchDatabase(name = TRACKS_DATABASE): Promise<Uint8Array> {
  const what = name === TRACKS_DATABASE ? "The database file" : "The track IDs' database file";
  let response: Response;
  try {
    response = await fetch(siteFile(name));
  } catch (error) {
    throw new TracksDatabaseError(`${what} could not be downloaded: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new TracksDatabaseError(`${what} could not be downloaded (HTTP ${response.status}).`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** Downloads the second database file, the track and recording IDs (from the HTTP cache after a restart). */
export function fetchTrackIds(): Promise<Uint8Array> {
  return fetchDatabase(TRACK_IDS_DATABASE);
}

/** The start-up's milestones, as performance marks for the bench: `duckdb:<name>`. */
export function markStartup(name: "worker" | "downloaded" | "instantiated" | "ready" | "ids"): void {
  performance.mark(`duckdb:${name}`);
}

function begin(): DuckdbStart {
  markStartup("worker");
  // The worker script starts compiling the wasm as soon as it runs (see worker-prelude.ts).
  const worker = new Worker(siteFile(DUCKDB_WORKER));
  const failed = workerFailure(worker);
  const database = fetchDatabase();
  database.then(
    () => markStartup("downloaded"),
    () => undefined,
  );
  // Both are awaited by the client later; until then a rejection is not "unhandled".
  failed.catch(() => undefined);
  database.catch(() => undefined);
  return { worker, failed, database };
}

let pending: DuckdbStart | undefined;

/** Starts the worker and the downloads now, once, for the client to take over later. */
export function prestartDuckdb(): void {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  pending ??= begin();
}

/** What `prestartDuckdb` started, or a fresh start; either way it is the caller's from now on. */
export function takeDuckdbStart(): DuckdbStart {
  const start = pending ?? begin();
  pending = undefined;
  return start;
}
