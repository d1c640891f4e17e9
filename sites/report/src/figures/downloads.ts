import type { Cell, DataTable } from "./types.ts";

function field(value: Cell): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row of column keys. */
export function toCsv(table: DataTable): string {
  const header = table.columns.map((column) => field(column.key)).join(",");
  const lines = table.rows.map((row) =>
    table.columns.map((column) => field(row[column.key] ?? null)).join(","),
  );
  return `${[header, ...lines].join("\r\n")}\r\n`;
}

/** JSON with the column descriptions and the rows, as the figure's data download. */
export function toJson(id: string, title: string, table: DataTable): string {
  const columns = table.columns.map((column) => ({ key: column.key, label: column.label }));
  const rows = table.rows.map((row) =>
    Object.fromEntries(table.columns.map((c) => [c.key, row[c.key] ?? null])),
  );
  return `${JSON.stringify({ figure: id, title, columns, rows }, null, 1)}\n`;
}
