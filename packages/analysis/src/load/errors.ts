/** Where in the file a problem is; every part is optional because some problems have no position. */
export interface ErrorLocation {
  /** 1-based physical line (a quoted value with line breaks spans several). */
  line?: number | undefined;
  /** 1-based field number within the CSV record. */
  column?: number | undefined;
  /** Our name for that column (`DATASET_COLUMNS[].name`). */
  columnName?: string | undefined;
}

export interface DatasetFormatErrorOptions extends ErrorOptions {
  /** How many other rows were also bad (mentioned in the message, not in `reason`). */
  otherBadRows?: number;
}

/**
 * The dataset file cannot be loaded as the expected table. The message names the file, line and
 * column, e.g. `dataset.csv, line 5, column 9 (danceability): cannot read "abc" as DOUBLE`.
 */
export class DatasetFormatError extends Error {
  override readonly name = "DatasetFormatError";
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly columnName: string | undefined;
  readonly reason: string;
  readonly otherBadRows: number;

  constructor(
    file: string,
    reason: string,
    location: ErrorLocation = {},
    options: DatasetFormatErrorOptions = {},
  ) {
    const { otherBadRows = 0, ...errorOptions } = options;
    super(formatMessage(file, reason, location, otherBadRows), errorOptions);
    this.file = file;
    this.line = location.line;
    this.column = location.column;
    this.columnName = location.columnName;
    this.reason = reason;
    this.otherBadRows = otherBadRows;
  }
}

function formatMessage(file: string, reason: string, location: ErrorLocation, otherBadRows: number): string {
  let where = file;
  if (location.line !== undefined) where += `, line ${location.line}`;
  if (location.column !== undefined) where += `, column ${location.column}`;
  if (location.columnName !== undefined) where += ` (${location.columnName})`;
  const others =
    otherBadRows > 0 ? ` (and ${otherBadRows} more bad row${otherBadRows === 1 ? "" : "s"} after it)` : "";
  return `${where}: ${reason}${others}`;
}

/** Quotes a cell's text for a message: JSON escapes keep line breaks visible; long text is shortened. */
export function quoteValue(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
