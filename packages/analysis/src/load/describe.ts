import { DATASET_COLUMNS } from "../columns.ts";
import { DatasetFormatError, quoteValue } from "./errors.ts";
import type { InvalidCells, RejectedRow } from "./problems.ts";
import { type CsvRecord, dataRecords, fieldText, lineAt, readRecord, skipLineBreaks } from "./scan.ts";

const FIELD_COUNT = DATASET_COLUMNS.length;

/** Why a value DuckDB could read is still outside the file's format (see `projection` in read.ts). */
const FORMAT_HINTS: Record<string, string> = {
  BIGINT: " (expected a whole number)",
  DOUBLE: " (expected a finite number)",
  BOOLEAN: " (expected True or False)",
};

/**
 * The first problem in file order, as an error naming its physical line and column. `bytes` is the
 * whole file; it is read only on this error path.
 */
export function firstProblem(
  path: string,
  bytes: Buffer,
  rejects: RejectedRow[],
  invalid: InvalidCells | undefined,
): DatasetFormatError {
  const badRows = new Set(rejects.map((reject) => reject.lineBytePosition)).size + (invalid?.rows ?? 0);
  const options = { otherBadRows: badRows - 1 };
  const firstReject = rejects[0];
  const rejectStart = firstReject ? skipLineBreaks(bytes, firstReject.lineBytePosition - 1) : bytes.length;
  const invalidRecord = invalid && loadedRecord(bytes, invalid.ordinal, rejectStart);
  if (invalid && invalidRecord) {
    const { column } = invalid;
    const spec = DATASET_COLUMNS[column - 1];
    const field = invalidRecord.fields[column - 1];
    const text = field ? fieldText(bytes, field) : "";
    const reason =
      text === ""
        ? "empty value in a column that must have one"
        : `cannot read ${quoteValue(text)} as ${spec?.type}${FORMAT_HINTS[spec?.type ?? ""] ?? ""}`;
    const line = lineAt(bytes, field?.start ?? invalidRecord.start);
    return new DatasetFormatError(path, reason, { line, column, columnName: spec?.name }, options);
  }
  if (!firstReject) return new DatasetFormatError(path, "a row could not be read", {}, options);

  const record = readRecord(bytes, rejectStart);
  const [first] = rejects
    .filter((reject) => reject.lineBytePosition === firstReject.lineBytePosition)
    .map((reject) => explainReject(bytes, record, reject))
    .sort((a, b) => a.column - b.column);
  if (!first) throw new Error("unreachable: the first reject explains itself");
  const location = {
    line: lineAt(bytes, first.offset),
    column: first.column,
    columnName: DATASET_COLUMNS[first.column - 1]?.name,
  };
  return new DatasetFormatError(path, first.reason, location, options);
}

/**
 * The `ordinal`-th record after the header, if it starts before `limit`. Only records before the first
 * rejected one are counted, so the loaded rows and the file's records still line up one to one.
 */
function loadedRecord(bytes: Buffer, ordinal: number, limit: number): CsvRecord | undefined {
  let index = 0;
  for (const record of dataRecords(bytes)) {
    if (record.start >= limit) return undefined;
    if (index++ === ordinal) return record;
  }
  return undefined;
}

interface Explained {
  /** 1-based field number we report. */
  column: number;
  reason: string;
  /** Byte offset whose line we report. */
  offset: number;
}

function explainReject(bytes: Buffer, record: CsvRecord, reject: RejectedRow): Explained {
  const found = record.fields.length;
  if (reject.errorType === "MISSING COLUMNS") {
    // Reported at the record's end, the first field that is not there.
    return {
      column: found + 1,
      reason: `the row has only ${found} of ${FIELD_COUNT} fields`,
      offset: record.end,
    };
  }
  if (reject.errorType === "TOO MANY COLUMNS") {
    const offset = record.fields[FIELD_COUNT]?.start ?? reject.bytePosition - 1;
    return {
      column: FIELD_COUNT + 1,
      reason: `the row has ${found} fields, expected ${FIELD_COUNT}`,
      offset,
    };
  }
  const column = reject.columnIndex;
  const field = record.fields[column - 1];
  const offset = field?.start ?? reject.bytePosition - 1;
  if (reject.errorType === "CAST") {
    const text = field ? fieldText(bytes, field) : "";
    return {
      column,
      reason: `cannot read ${quoteValue(text)} as ${DATASET_COLUMNS[column - 1]?.type}`,
      offset,
    };
  }
  if (reject.errorType === "UNQUOTED VALUE") {
    return {
      column,
      reason: "a quoted value is not closed properly (no closing quote, or text after it)",
      offset,
    };
  }
  return { column, reason: `${reject.errorType.toLowerCase()}: ${reject.errorMessage}`, offset };
}
