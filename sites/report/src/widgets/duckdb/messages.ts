/**
 * DuckDB's error message as a reader should see it. DuckDB-WASM repeats the `LINE 1: … ^` excerpt that
 * points at the error; paragraphs that repeat the one before are dropped, and the rest is kept verbatim.
 */
export function readableError(message: string): string {
  const paragraphs = message.trim().split(/\n{2,}/);
  return paragraphs.filter((paragraph, index) => paragraph !== paragraphs[index - 1]).join("\n\n");
}
