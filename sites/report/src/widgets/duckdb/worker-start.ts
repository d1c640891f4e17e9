/**
 * Starts what DuckDB needs from the network — its worker, which compiles the wasm as it downloads and
 * downloads the tracks database — before DuckDB-WASM's own JavaScript (client.ts, ≈ 100 kB gzipped with Arrow) has
 * arrived. This module is small enough for a page's first script; preload.ts calls `prestartDuckdb` as
 * soon as a widget nears the viewport, and the client takes over what it started.
 */
import { CORE_FILE, DUCKDB_DIR, DUCKDB_WORKER } from "./files.ts";
import type { PreludeDownloadLog } from "./worker-prelude.ts";

/** Why the in-browser database is unavailable, in words a reader can act on. */
export class TracksDatabaseError extends Error {
  override name = "TracksDatabaseError";
}

/** What has been started: DuckDB's worker, which compiles the wasm and downloads the first database file. */
export interface DuckdbStart {
  worker: Worker;
  /** Rejects when the worker script fails to load or fails while starting. */
  failed: Promise<never>;
  /** Settles when the worker has downloaded the first database file (it downloads it itself). */
  database: Promise<void>;
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

/**
 * What the page registers a database file with: no bytes, which tells the worker to use the file it
 * downloaded itself (worker-prelude.ts). A fresh buffer each time, since registering transfers it.
 */
export const NO_BYTES = (): Uint8Array => new Uint8Array(0);

/**
 * Settles when the worker reports the first database file downloaded (worker-prelude.ts posts it as a
 * DuckDB `LOG` message), rejecting with the sentence it sent when the download failed.
 */
function firstDownload(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const listener = (event: MessageEvent) => {
      const message = event.data as { type?: string; data?: PreludeDownloadLog } | null;
      const data = message?.type === "LOG" ? message.data : undefined;
      if (data?.prelude !== "download" || data.name !== CORE_FILE) return;
      worker.removeEventListener("message", listener);
      if (data.error === undefined) resolve();
      else reject(new TracksDatabaseError(data.error));
    };
    worker.addEventListener("message", listener);
  });
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
  const database = firstDownload(worker);
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
