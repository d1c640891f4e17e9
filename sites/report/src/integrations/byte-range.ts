import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface ByteRange {
  start: number;
  /** Inclusive, as in the Content-Range header. */
  end: number;
}

/**
 * Parses a single-range `Range: bytes=…` header against a file of `size` bytes: the range to send,
 * `"unsatisfiable"` (answer 416), or undefined for the whole file (no header, or one this server does
 * not support, such as several ranges, which RFC 9110 lets a server ignore).
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): ByteRange | "unsatisfiable" | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") {
    // A suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0) return "unsatisfiable";
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  return end < start ? undefined : { start, end };
}

/**
 * Answers GET and HEAD for one file, honouring a byte range, as production static hosts do (DuckDB-WASM
 * relies on them whenever it reads a file over HTTP in pieces). Used by the dev server and the tests' server.
 * Returns the number of body bytes sent.
 */
export async function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  headers: Record<string, string>,
): Promise<number> {
  const { size } = await stat(file);
  const range = parseByteRange(request.headers.range, size);
  const common = { ...headers, "Accept-Ranges": "bytes" };
  if (range === "unsatisfiable") {
    response.writeHead(416, { ...common, "Content-Range": `bytes */${size}` }).end();
    return 0;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  response.writeHead(range ? 206 : 200, {
    ...common,
    "Content-Length": String(length),
    ...(range ? { "Content-Range": `bytes ${start}-${end}/${size}` } : {}),
  });
  if (request.method === "HEAD" || length === 0) {
    response.end();
    return 0;
  }
  createReadStream(file, { start, end }).pipe(response);
  return length;
}
