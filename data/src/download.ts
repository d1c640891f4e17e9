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
}

export interface DownloadOptions {
  url: string;
  destination: string;
  sha256: string;
  expectedBytes?: number;
  fetch?: typeof globalThis.fetch;
  onProgress?: (progress: DownloadProgress) => void;
}

/**
 * Downloads `url` to `destination` atomically: bytes go to a temporary file beside the destination,
 * which is verified against `sha256` and only then renamed into place. On any failure the temporary
 * file is removed and the destination is left untouched.
 */
export async function downloadVerified(options: DownloadOptions): Promise<void> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  await mkdir(dirname(options.destination), { recursive: true });
  const temporary = join(
    dirname(options.destination),
    `.${process.pid}.${Date.now()}.download-${Math.random().toString(36).slice(2)}`,
  );
  try {
    const response = await fetchImpl(options.url, { redirect: "follow" }).catch((error: Error) => {
      const cause = error.cause as { code?: string; message?: string } | undefined;
      const detail = cause ? ` (${cause.code ?? cause.message})` : "";
      throw new Error(`Download of ${options.url} failed: ${error.message}${detail}`, { cause: error });
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`Download of ${options.url} failed: HTTP ${response.status} ${response.statusText}`);
    }
    // fetch decodes a compressed body, so a Content-Length then counts encoded bytes, not the ones received.
    const encoding = response.headers.get("content-encoding");
    const decoded = encoding !== null && encoding.trim().toLowerCase() !== "identity";
    const announced = decoded ? Number.NaN : Number(response.headers.get("content-length"));
    const total = Number.isFinite(announced) && announced > 0 ? announced : options.expectedBytes;
    let received = 0;
    const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
    body.on("data", (chunk: Buffer) => {
      received += chunk.length;
      options.onProgress?.({ received, total });
    });
    await pipeline(body, createWriteStream(temporary));
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
    await rm(temporary, { force: true });
  }
}
