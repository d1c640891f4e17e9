import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Streams a file through SHA-256 and returns the lowercase hex digest. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export class ChecksumMismatchError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: string,
    hint = "The file is not the pinned Spotify tracks dataset (corrupt, truncated or a different version): " +
      "replace it, or unset SPOTIFY_TRACKS_CSV / delete it to let the locator fetch a verified copy.",
  ) {
    super(`${path}: sha256 is ${actual} but the dataset must have ${expected}. ${hint}`);
    this.name = "ChecksumMismatchError";
  }
}

/** `hint`, when given, replaces the default advice and may name the file's actual checksum. */
export async function verifySha256(
  path: string,
  expected: string,
  hint?: (actual: string) => string,
): Promise<void> {
  const actual = await sha256File(path);
  if (actual !== expected.toLowerCase())
    throw hint
      ? new ChecksumMismatchError(path, expected, actual, hint(actual))
      : new ChecksumMismatchError(path, expected, actual);
}
