import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendFile } from "../integrations/byte-range.ts";
import { accepts, contentType, ENCODINGS, type Encoding } from "./encodings.ts";

/** The precompressed copy to send for `file`, if the client accepts one and the build wrote it. */
export function pickVariant(
  file: string,
  acceptEncoding: string | undefined,
): { path: string; encoding: Encoding } | undefined {
  for (const { encoding, suffix } of ENCODINGS) {
    if (accepts(acceptEncoding, encoding) && existsSync(`${file}${suffix}`))
      return { path: `${file}${suffix}`, encoding };
  }
  return undefined;
}

/**
 * Answers GET or HEAD for `file` as a static host with precompressed files does: the Brotli or gzip copy
 * written at build time, with the original's Content-Type and a Content-Encoding, when the client accepts
 * it; otherwise the file itself (honouring Range, which then refers to the uncompressed bytes). Nothing is
 * compressed on the fly, so nothing is ever compressed twice. Returns the body bytes sent and the encoding.
 */
export async function sendPrecompressed(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  headers: Record<string, string> = {},
): Promise<{ bytes: number; encoding: Encoding | undefined }> {
  const common: Record<string, string> = { "Content-Type": contentType(file), ...headers };
  const hasVariants = ENCODINGS.some(({ suffix }) => existsSync(`${file}${suffix}`));
  if (hasVariants) common.Vary = "Accept-Encoding";
  const variant = request.headers.range ? undefined : pickVariant(file, request.headers["accept-encoding"]);
  if (!variant) return { bytes: await sendFile(request, response, file, common), encoding: undefined };
  // There is no Range here, so sendFile sends the compressed copy whole.
  const encoded = { ...common, "Content-Encoding": variant.encoding };
  return { bytes: await sendFile(request, response, variant.path, encoded), encoding: variant.encoding };
}
