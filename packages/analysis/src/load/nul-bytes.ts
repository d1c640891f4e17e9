import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { DATASET_COLUMNS } from "../columns.ts";
import { DatasetFormatError } from "./errors.ts";
import { dataRecords, lineAt, readRecord } from "./scan.ts";

/** Offset of the file's first NUL byte, or −1; streams, so memory stays flat whatever the file's size. */
export async function firstNulByte(path: string): Promise<number> {
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const at = (chunk as Buffer).indexOf(0);
    if (at !== -1) return offset + at;
    offset += (chunk as Buffer).length;
  }
  return -1;
}

/**
 * A NUL byte is no character of a text CSV (a binary file, or a corrupted copy), yet DuckDB would read it into
 * a value: refuse the file, naming the line and column that hold the first one.
 */
export async function checkNoNulBytes(path: string): Promise<void> {
  const offset = await firstNulByte(path);
  if (offset === -1) return;
  const bytes = await readFile(path);
  const header = readRecord(bytes, 0);
  const record =
    offset <= header.end ? header : [...dataRecords(bytes)].find((r) => offset >= r.start && offset <= r.end);
  const field = record?.fields.findIndex((f) => offset >= f.start && offset < Math.max(f.end, f.start + 1));
  const column = field !== undefined && field >= 0 ? field + 1 : undefined;
  throw new DatasetFormatError(path, "a NUL byte (0x00): the file is binary or corrupted, not a text CSV", {
    line: lineAt(bytes, offset),
    column,
    columnName: column !== undefined && record !== header ? DATASET_COLUMNS[column - 1]?.name : undefined,
  });
}
