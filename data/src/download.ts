import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ChecksumMismatchError, sha256File } from "./checksum.ts";

export interface DownloadProgress {
  received: number;
  /** Bytes announced by the server, or the expected size when it announces none. */
  total: number | undefined;
  /** Seconds since the request was sent. */
  seconds: number;
}

/** Seconds without a byte (or without an answer) after which a download is abandoned. */
export const DEFAULT_STALL_SECONDS = 30;

export interface DownloadOptions {
  url: string;
  destination: string;
  sha256: string;
  expectedBytes?: number;
  fetch?: typeof globalThis.fetch;
  onProgress?: (progress: DownloadProgress) => void;
  /** Abandon the download when no byte arrives for this long (default {@link DEFAULT_STALL_SECONDS}). */
  stallSeconds?: number;
}

/** The download stopped receiving bytes: a hung server or a dropped network. */
export class DownloadStalledError extends Error {
  constructor(url: string, seconds: number, received: number, total: number | undefined) {
    const got = total ? `${received} of ${total} bytes` : `${received} bytes`;
    super(
      `Download of ${url} stalled: no data for ${seconds} s (${got} received). Check the network and run the ` +
        "build again (it starts the download afresh), or download the file yourself and set SPOTIFY_TRACKS_CSV to it.",
    );
    this.name = "DownloadStalledError";
  }
}

/**
 * Downloads `url` to `destination` atomically: bytes go to a temporary file beside the destination,
 * which is verified against `sha256` and only then renamed into place. On any failure the temporary
 * file is removed and the destination is left untouched. A download that receives nothing for `stallSeconds`
 * (no answer, or no byte of the body) is abandoned with a {@link DownloadStalledError}.
 */
export async function downloadVerified(options: DownloadOptions): Promise<void> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const stallSeconds = options.stallSeconds ?? DEFAULT_STALL_SECONDS;
  const started = performance.now();
  const controller = new AbortController();
  let received = 0;
  let total: number | undefined = options.expectedBytes;
  let stalled: DownloadStalledError | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = new DownloadStalledError(options.url, stallSeconds, received, total);
      controller.abort(stalled);
    }, stallSeconds * 1000);
  };
  await mkdir(dirname(options.destination), { recursive: true });
  const temporary = join(
    dirname(options.destination),
    `.${process.pid}.${Date.now()}.download-${Math.random().toString(36).slice(2)}`,
  );
  watch();
  try {
    const response = await fetchImpl(options.url, { redirect: "follow", signal: controller.signal }).catch(
      (error: Error) => {
        if (stalled) throw stalled;
        const cause = error.cause as { code?: string; message?: string } | undefined;
        const detail = cause ? ` (${cause.code ?? cause.message})` : "";
        throw new Error(`Download of ${options.url} failed: ${error.message}${detail}`, { cause: error });
      },
    );
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`Download of ${options.url} failed: HTTP ${response.status} ${response.statusText}`);
    }
    // fetch decodes a compressed body, so a Content-Length then counts encoded bytes, not the ones received.
    const encoding = response.headers.get("content-encoding");
    const decoded = encoding !== null && encoding.trim().toLowerCase() !== "identity";
    const announced = decoded ? Number.NaN : Number(response.headers.get("content-length"));
    total = Number.isFinite(announced) && announced > 0 ? announced : options.expectedBytes;
    watch();
    const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
    body.on("data", (chunk: Buffer) => {
      received += chunk.length;
      watch();
      options.onProgress?.({ received, total, seconds: (performance.now() - started) / 1000 });
    });
    await pipeline(body, createWriteStream(temporary)).catch((error: unknown) => {
      throw stalled ?? error;
    });
    clearTimeout(timer);
    const actual = await sha256File(temporary);
    if (actual !== options.sha256.toLowerCase()) {
      throw new ChecksumMismatchError(
        options.url,
        options.sha256,
        actual,
        "the download was not the pinned file",
      );
    }
    await rename(temporary, options.destination);
  } finally {
    clearTimeout(timer);
    await rm(temporary, { force: true });
  }
}
