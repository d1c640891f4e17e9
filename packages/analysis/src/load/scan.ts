/**
 * A byte-level CSV record scanner, used only to turn DuckDB's record positions into physical lines
 * and field texts for error messages. It follows DuckDB's reading: a quote opens a quoted value only
 * at the start of a field, `""` is a quote inside one, and blank lines are not records.
 */
const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** A field's raw bytes `[start, end)`, quotes included, a record-ending `\r` excluded. */
export interface CsvField {
  start: number;
  end: number;
}

/** One record: `end` is the offset of the `\n` that ends it, or the file length. */
export interface CsvRecord {
  start: number;
  end: number;
  fields: CsvField[];
}

export function readRecord(bytes: Buffer, start: number): CsvRecord {
  const fields: CsvField[] = [];
  let pos = start;
  for (;;) {
    const fieldStart = pos;
    if (bytes[pos] === QUOTE) pos = skipQuoted(bytes, pos + 1);
    while (pos < bytes.length && bytes[pos] !== COMMA && bytes[pos] !== LF) pos++;
    const atRecordEnd = pos >= bytes.length || bytes[pos] === LF;
    const end = atRecordEnd && pos > fieldStart && bytes[pos - 1] === CR ? pos - 1 : pos;
    fields.push({ start: fieldStart, end });
    if (atRecordEnd) return { start, end: pos, fields };
    pos++;
  }
}

/** From just after an opening quote to just after its closing quote (or the end of the file). */
function skipQuoted(bytes: Buffer, pos: number): number {
  while (pos < bytes.length) {
    if (bytes[pos] !== QUOTE) pos++;
    else if (bytes[pos + 1] === QUOTE) pos += 2;
    else return pos + 1;
  }
  return pos;
}

/** Skips line breaks: blank lines, and the `\n` DuckDB counts as the start of a CRLF file's record. */
export function skipLineBreaks(bytes: Buffer, pos: number): number {
  while (pos < bytes.length && (bytes[pos] === LF || bytes[pos] === CR)) pos++;
  return pos;
}

/** The records after the header, in file order. */
export function* dataRecords(bytes: Buffer): Generator<CsvRecord> {
  let pos = skipLineBreaks(bytes, readRecord(bytes, 0).end);
  while (pos < bytes.length) {
    const record = readRecord(bytes, pos);
    yield record;
    pos = skipLineBreaks(bytes, record.end);
  }
}

/** The 1-based physical line holding byte `offset`. */
export function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let pos = bytes.indexOf(LF); pos !== -1 && pos < offset; pos = bytes.indexOf(LF, pos + 1)) line++;
  return line;
}

/** A field's value as DuckDB reads it: unquoted, with `""` turned back into `"`. */
export function fieldText(bytes: Buffer, field: CsvField): string {
  const raw = bytes.toString("utf8", field.start, field.end);
  if (!raw.startsWith('"')) return raw;
  const inner = raw.length > 1 && raw.endsWith('"') ? raw.slice(1, -1) : raw.slice(1);
  return inner.replaceAll('""', '"');
}
