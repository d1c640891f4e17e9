import { DataType, Precision, type RecordBatch, type Table, util, type Vector } from "apache-arrow";

/** A value as the widgets receive it: plain, JSON-safe and always rendered as text. */
export type Cell = number | string | boolean | null;

export interface ResultColumn {
  name: string;
  /** DuckDB's name for the column's type where the Arrow type maps back to one (BIGINT, VARCHAR…). */
  type: string;
}

/** A 64-bit (or wider) integer as a number when that is exact, else as its decimal digits. */
export function integerCell(value: bigint): Cell {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

const SIGNED: Record<number, string> = { 8: "TINYINT", 16: "SMALLINT", 32: "INTEGER", 64: "BIGINT" };
const UNSIGNED: Record<number, string> = { 8: "UTINYINT", 16: "USMALLINT", 32: "UINTEGER", 64: "UBIGINT" };

/** The SQL type name a reader expects for an Arrow type DuckDB produced; Arrow's own name otherwise. */
export function sqlTypeName(type: DataType): string {
  if (DataType.isInt(type)) return (type.isSigned ? SIGNED : UNSIGNED)[type.bitWidth] ?? String(type);
  if (DataType.isFloat(type)) return type.precision === Precision.DOUBLE ? "DOUBLE" : "FLOAT";
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return "VARCHAR";
  if (DataType.isBool(type)) return "BOOLEAN";
  // DuckDB exports HUGEINT as DECIMAL(38, 0).
  if (DataType.isDecimal(type)) return `DECIMAL(${type.precision}, ${type.scale})`;
  if (DataType.isDate(type)) return "DATE";
  if (DataType.isTimestamp(type)) return type.timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
  if (DataType.isNull(type)) return "NULL";
  if (DataType.isBinary(type) || DataType.isLargeBinary(type)) return "BLOB";
  if (DataType.isList(type)) return `${sqlTypeName(type.valueType)}[]`;
  if (DataType.isStruct(type)) {
    return `STRUCT(${type.children.map((field) => `${field.name} ${sqlTypeName(field.type)}`).join(", ")})`;
  }
  if (DataType.isMap(type)) return `MAP(${sqlTypeName(type.keyType)}, ${sqlTypeName(type.valueType)})`;
  return String(type);
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? integerCell(value) : value;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => `\\x${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

/** Converts one non-null value of `type` as Arrow's `Vector.get` returns it. */
export function toCell(type: DataType, value: unknown): Cell {
  if (DataType.isInt(type)) return typeof value === "bigint" ? integerCell(value) : (value as number);
  if (
    DataType.isFloat(type) ||
    DataType.isBool(type) ||
    DataType.isUtf8(type) ||
    DataType.isLargeUtf8(type)
  ) {
    return value as Cell;
  }
  if (DataType.isDecimal(type)) {
    const bn = value as Parameters<typeof util.bigNumToBigInt>[0];
    return type.scale === 0 ? integerCell(util.bigNumToBigInt(bn)) : util.bigNumToNumber(bn, type.scale);
  }
  // Arrow gives dates and timestamps as milliseconds since the epoch.
  if (DataType.isDate(type)) return new Date(value as number).toISOString().slice(0, 10);
  if (DataType.isTimestamp(type)) {
    return new Date(value as number)
      .toISOString()
      .replace("T", " ")
      .replace(/(\.000)?Z$/, "");
  }
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type)) {
    return hex(value as Uint8Array);
  }
  // Lists, structs, maps, intervals…: shown as JSON text.
  const plain =
    value !== null && typeof value === "object" && "toJSON" in value
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  return typeof plain === "string" ? plain : JSON.stringify(plain, jsonReplacer);
}

function columnCells(vector: Vector, length: number): Cell[] {
  const type = vector.type as DataType;
  const cells: Cell[] = new Array(length);
  // Float columns with no nulls are copied straight out of their buffers: the common case, and the fast one.
  if (DataType.isFloat(type) && vector.nullCount === 0) {
    const values = vector.toArray() as ArrayLike<number>;
    for (let i = 0; i < length; i++) cells[i] = values[i] ?? null;
    return cells;
  }
  for (let i = 0; i < length; i++) {
    const value: unknown = vector.get(i);
    cells[i] = value === null || value === undefined ? null : toCell(type, value);
  }
  return cells;
}

/** An Arrow table or record batch as named, typed columns and row arrays of plain values. */
export function tableToRows(table: Table | RecordBatch): { columns: ResultColumn[]; rows: Cell[][] } {
  const fields = table.schema.fields;
  const columns = fields.map((field) => ({ name: field.name, type: sqlTypeName(field.type) }));
  const cellsByColumn = fields.map((_, index) => {
    const vector = table.getChildAt(index);
    return vector ? columnCells(vector, table.numRows) : new Array<Cell>(table.numRows).fill(null);
  });
  const rows: Cell[][] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) rows[r] = cellsByColumn.map((cells) => cells[r] ?? null);
  return { columns, rows };
}
