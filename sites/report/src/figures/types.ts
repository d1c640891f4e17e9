/** A value in a figure's data table or download. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  /** Column heading in the page table, the CSV header and the JSON field description. */
  label: string;
  /** How the page table shows the value; downloads keep the raw value. */
  format?: (value: Cell) => string;
  /** Right-align numbers. */
  numeric?: boolean;
}

export interface DataTable {
  columns: Column[];
  rows: Row[];
}

export interface FigureSpec {
  /** Stable, URL-safe: names the CSV and JSON downloads and the figure's anchor. */
  id: string;
  /** A short name for the figure, used by its data disclosure and in the downloads. */
  title: string;
  /** The text alternative: what the figure shows and what a sighted reader takes from it. */
  alt: string;
  /** The figure as inline HTML (SVG, or a figure with a legend and SVG), rendered at build time. */
  render: () => string;
  /** The numbers behind the figure, downloadable in full as CSV and JSON. */
  data: DataTable;
  /** What the page shows in the data disclosure when `data` is too long to list (defaults to `data`). */
  table?: DataTable;
  /** Says how `table` relates to the downloads when it differs from `data`. */
  tableNote?: string;
  /**
   * The SQL on the cleaned table `tracks` that gives this figure's numbers, as the analysis ran it (from its
   * results, never written here): the figure links to the SQL console with it. Only for figures whose numbers
   * are one query's output; model figures have none.
   */
  query?: string;
  /** How the query's answer reads against the figure's table, where it does not match it row for row. */
  queryNote?: string;
}
