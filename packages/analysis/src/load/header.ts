import { open } from "node:fs/promises";
import { DATASET_COLUMNS } from "../columns.ts";
import { DatasetFormatError } from "./errors.ts";
import { fieldText, readRecord } from "./scan.ts";

const MAX_HEADER_BYTES = 64 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EXPECTED: readonly string[] = DATASET_COLUMNS.map((column) => column.header);

/**
 * Checks the header line against `DATASET_COLUMNS`. DuckDB skips the header unread when the columns
 * are given explicitly, so a missing, extra or renamed column would otherwise shift silently.
 */
export async function checkHeader(path: string): Promise<void> {
  const found = await readHeaderNames(path);
  // A repeated name would otherwise read as a missing column further on.
  const first = new Map<string, number>();
  found.forEach((name, index) => {
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, index);
      return;
    }
    throw new DatasetFormatError(
      path,
      `the header names column ${display(name)} twice (columns ${earlier + 1} and ${index + 1})`,
      { line: 1, column: index + 1 },
    );
  });
  const length = Math.max(found.length, EXPECTED.length);
  for (let index = 0; index < length; index++) {
    if (found[index] === EXPECTED[index]) continue;
    const { reason, columnName } = describeMismatch(found, index);
    throw new DatasetFormatError(path, reason, { line: 1, column: index + 1, columnName });
  }
}

/** The header's field names: only the first line is read; a UTF-8 BOM and a `\r` before `\n` are dropped. */
export async function readHeaderNames(path: string): Promise<string[]> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await file.read(buffer, 0, MAX_HEADER_BYTES, 0);
    let bytes = buffer.subarray(0, bytesRead);
    const lineEnd = bytes.indexOf(0x0a);
    if (lineEnd === -1 && bytesRead === MAX_HEADER_BYTES) {
      const reason = `the first line is longer than ${MAX_HEADER_BYTES} bytes: not the dataset's header`;
      throw new DatasetFormatError(path, reason, { line: 1 });
    }
    if (lineEnd !== -1) bytes = bytes.subarray(0, lineEnd);
    if (bytes.subarray(0, UTF8_BOM.length).equals(UTF8_BOM)) bytes = bytes.subarray(UTF8_BOM.length);
    return readRecord(bytes, 0).fields.map((field) => fieldText(bytes, field));
  } finally {
    await file.close();
  }
}

/**
 * Explains the first difference, at `index`: a column missing (the later ones shifted left), an extra
 * one (the expected one follows it), or else one named differently.
 */
function describeMismatch(found: string[], index: number): { reason: string; columnName?: string } {
  const expected = EXPECTED[index];
  const actual = found[index];
  const columnName = DATASET_COLUMNS[index]?.name;
  if (
    actual === undefined ||
    (expected !== undefined && !found.includes(expected) && EXPECTED.includes(actual))
  ) {
    return { reason: `the header has no ${display(expected ?? "")} column`, columnName };
  }
  if (expected === undefined || (!EXPECTED.includes(actual) && found.indexOf(expected, index) > index)) {
    return { reason: `the header has an unexpected extra column ${display(actual)}` };
  }
  return {
    reason: `the header names this column ${display(actual)}, expected ${display(expected)}`,
    columnName,
  };
}

function display(name: string): string {
  return name === "" ? `"" (the unnamed row index)` : JSON.stringify(name);
}
