/** A value a results table holds. */
export type TableCell = number | string | boolean | null;

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break; NULL as empty. */
export function csvField(value: TableCell): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line per row, each ending with CRLF as RFC 4180 asks (so that pieces can be joined). */
export function csvLines(rows: readonly (readonly TableCell[])[]): string {
  let text = "";
  for (const row of rows) text += `${row.map(csvField).join(",")}\r\n`;
  return text;
}

/** A header line and one line per row, CRLF-separated as RFC 4180 asks, ending with a line break. */
export function toCsv(columns: readonly string[], rows: readonly (readonly TableCell[])[]): string {
  return csvLines([columns, ...rows]);
}

/** Offers `text` to the reader as a file download, without a server round trip. */
export function downloadText(text: string, fileName: string, type = "text/csv;charset=utf-8"): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** Offers a Blob (e.g. built from many pieces of text) as a file download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is released once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
