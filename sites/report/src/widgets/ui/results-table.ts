/**
 * A table for query results: paginated, sortable by any column, virtualised so a page of 100,000 rows
 * renders only the rows in view, and downloadable as CSV. Every value is written as text (`textContent`),
 * never parsed as HTML. Styles: results-table.css.
 */
import { downloadText, type TableCell, toCsv } from "./csv.ts";
import { nextSort, type SortKey, sortedOrder } from "./sort.ts";
import { rowWindow } from "./virtual-window.ts";

export interface TableColumn {
  name: string;
  /** Shown under the name, e.g. the SQL type. */
  type?: string;
}

export interface ResultsTableOptions {
  /** What the table holds, for assistive technology ("Query results"). */
  label: string;
  /** Name of the CSV download, without extension. */
  fileName?: string;
  /** The page sizes offered; `Infinity` offers "All". */
  pageSizes?: number[];
  pageSize?: number;
  /**
   * What the download button does instead of writing the rows the table holds: the SQL console streams the
   * whole result, of which the table holds only the first rows.
   */
  onDownload?: () => void;
}

/** Pages longer than this are virtualised: only the rows in view (plus a margin) are in the DOM. */
export const VIRTUALISE_ABOVE = 200;

const DEFAULT_PAGE_SIZES = [50, 200, 1000, Number.POSITIVE_INFINITY];
const grouped = (n: number) => n.toLocaleString("en-US");

/** How a value reads in a cell; NULL as the word, so an empty string and NULL stay distinct. */
export function cellText(value: TableCell): string {
  return value === null ? "NULL" : String(value);
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class ResultsTable {
  readonly element: HTMLElement;
  readonly #options: Required<Omit<ResultsTableOptions, "onDownload">>;
  readonly #summary = element("p", "results-summary");
  readonly #pageSize = element("select");
  readonly #previous = element("button", "results-previous", "Previous page");
  readonly #next = element("button", "results-next", "Next page");
  readonly #download = element("button", "results-download", "Download CSV");
  readonly #scroller = element("div", "results-scroll");
  readonly #table = element("table");
  readonly #head = element("thead");
  readonly #body = element("tbody");
  #columns: TableColumn[] = [];
  #rows: TableCell[][] = [];
  #order: number[] = [];
  #sort: SortKey | undefined;
  #page = 0;
  #size: number;
  #rowHeight = 0;
  #frame = 0;

  constructor(options: ResultsTableOptions) {
    this.#options = {
      fileName: "results",
      pageSizes: DEFAULT_PAGE_SIZES,
      pageSize: options.pageSizes?.[0] ?? DEFAULT_PAGE_SIZES[0] ?? 50,
      ...options,
    };
    this.#size = this.#options.pageSize;
    this.element = element("div", "results-table");
    this.element.hidden = true;

    for (const size of this.#options.pageSizes) {
      const option = element("option", undefined, Number.isFinite(size) ? grouped(size) : "All");
      option.value = String(size);
      option.selected = size === this.#size;
      this.#pageSize.append(option);
    }
    const sizeLabel = element("label", "results-page-size", "Rows per page ");
    sizeLabel.append(this.#pageSize);
    for (const button of [this.#previous, this.#next, this.#download]) button.type = "button";
    const toolbar = element("div", "results-toolbar");
    const paging = element("div", "results-paging");
    paging.append(this.#previous, this.#next, sizeLabel);
    toolbar.append(this.#summary, paging, this.#download);

    const caption = element("caption", "visually-hidden", options.label);
    this.#table.append(caption, this.#head, this.#body);
    this.#scroller.append(this.#table);
    this.#scroller.tabIndex = 0;
    this.#scroller.setAttribute("role", "region");
    this.#scroller.setAttribute("aria-label", options.label);
    this.element.append(toolbar, this.#scroller);

    this.#pageSize.addEventListener("change", () => {
      const first = this.#page * this.#size;
      this.#size = Number(this.#pageSize.value);
      this.#page = Number.isFinite(this.#size) ? Math.floor(first / this.#size) : 0;
      this.#render();
    });
    this.#previous.addEventListener("click", () => this.#goTo(this.#page - 1));
    this.#next.addEventListener("click", () => this.#goTo(this.#page + 1));
    this.#download.addEventListener("click", () => (options.onDownload ?? (() => this.download()))());
    this.#scroller.addEventListener("scroll", () => this.#scheduleWindow(), { passive: true });
  }

  /** Shows a new result, back on its first page in the order it came. */
  show(columns: TableColumn[], rows: TableCell[][]): void {
    this.#columns = columns;
    this.#rows = rows;
    this.#sort = undefined;
    this.#order = sortedOrder(rows, undefined);
    this.#page = 0;
    this.element.hidden = false;
    this.#renderHead();
    this.#render();
  }

  /** Hides the table and forgets its rows. */
  clear(): void {
    this.#columns = [];
    this.#rows = [];
    this.#order = [];
    this.element.hidden = true;
    this.#head.replaceChildren();
    this.#body.replaceChildren();
  }

  /** The rows in the current sort order, as CSV (all pages). */
  csv(): string {
    return toCsv(
      this.#columns.map((column) => column.name),
      this.#order.map((index) => this.#rows[index] ?? []),
    );
  }

  download(): void {
    downloadText(this.csv(), `${this.#options.fileName}.csv`);
  }

  get #pageCount(): number {
    return Number.isFinite(this.#size) ? Math.max(1, Math.ceil(this.#rows.length / this.#size)) : 1;
  }

  #goTo(page: number): void {
    this.#page = Math.min(Math.max(0, page), this.#pageCount - 1);
    this.#render();
    this.#scroller.scrollTop = 0;
  }

  #renderHead(): void {
    const row = element("tr");
    row.setAttribute("aria-rowindex", "1");
    this.#columns.forEach((column, index) => {
      const header = element("th");
      header.scope = "col";
      const button = element("button", "results-sort");
      button.type = "button";
      button.append(element("span", "results-column-name", column.name));
      if (column.type) button.append(element("span", "results-column-type", column.type));
      button.addEventListener("click", () => {
        this.#sort = nextSort(this.#sort, index);
        this.#order = sortedOrder(this.#rows, this.#sort);
        this.#page = 0;
        this.#updateSortState();
        this.#render();
      });
      header.append(button);
      row.append(header);
    });
    this.#head.replaceChildren(row);
    this.#updateSortState();
  }

  #updateSortState(): void {
    this.#head.querySelectorAll("th").forEach((header, index) => {
      const direction = this.#sort?.column === index ? this.#sort.direction : undefined;
      if (direction) header.setAttribute("aria-sort", direction);
      else header.removeAttribute("aria-sort");
      const name = this.#columns[index]?.name ?? "";
      const next = nextSort(this.#sort, index);
      header
        .querySelector("button")
        ?.setAttribute("title", next ? `Sort by ${name}, ${next.direction}` : `Back to the query's order`);
    });
  }

  /** The slice of `#order` on the current page. */
  #pageRange(): { start: number; end: number } {
    const start = Number.isFinite(this.#size) ? this.#page * this.#size : 0;
    const end = Number.isFinite(this.#size)
      ? Math.min(this.#rows.length, start + this.#size)
      : this.#rows.length;
    return { start, end };
  }

  #render(): void {
    const { start, end } = this.#pageRange();
    const total = this.#rows.length;
    this.#table.setAttribute("aria-rowcount", String(total + 1));
    this.#summary.textContent =
      total === 0
        ? "No rows."
        : `Rows ${grouped(start + 1)}–${grouped(end)} of ${grouped(total)}` +
          (this.#pageCount > 1 ? ` (page ${grouped(this.#page + 1)} of ${grouped(this.#pageCount)})` : "");
    this.#previous.disabled = this.#page === 0;
    this.#next.disabled = this.#page >= this.#pageCount - 1;
    this.#download.disabled = total === 0;
    const virtual = end - start > VIRTUALISE_ABOVE;
    this.#scroller.classList.toggle("results-virtual", virtual);
    if (!virtual) {
      this.#renderRows(start, end, 0, 0);
      return;
    }
    // Rows have a fixed height in virtual mode (see the CSS); measure it once the table is laid out.
    this.#renderRows(start, start + 1, 0, 0);
    this.#rowHeight = this.#body.rows[0]?.getBoundingClientRect().height || this.#rowHeight || 32;
    this.#renderWindow();
  }

  #scheduleWindow(): void {
    if (!this.#scroller.classList.contains("results-virtual") || this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#renderWindow();
    });
  }

  #renderWindow(): void {
    const { start, end } = this.#pageRange();
    const offset = this.#scroller.scrollTop - this.#head.getBoundingClientRect().height;
    const window = rowWindow(offset, this.#scroller.clientHeight, this.#rowHeight, end - start);
    this.#renderRows(
      start + window.first,
      start + window.end,
      window.first * this.#rowHeight,
      (end - start - window.end) * this.#rowHeight,
    );
  }

  /** Renders rows `from`–`to` of the sorted order, with spacers standing in for the rows above and below. */
  #renderRows(from: number, to: number, above: number, below: number): void {
    const rows: HTMLTableRowElement[] = [];
    if (above > 0) rows.push(this.#spacer(above));
    for (let position = from; position < to; position++) {
      const values = this.#rows[this.#order[position] ?? -1] ?? [];
      const row = element("tr");
      row.setAttribute("aria-rowindex", String(position + 2));
      for (const value of values) {
        const cell = element("td", value === null ? "null" : typeof value === "number" ? "num" : undefined);
        cell.textContent = cellText(value);
        row.append(cell);
      }
      rows.push(row);
    }
    if (below > 0) rows.push(this.#spacer(below));
    this.#body.replaceChildren(...rows);
  }

  #spacer(height: number): HTMLTableRowElement {
    const row = element("tr", "results-spacer");
    row.setAttribute("aria-hidden", "true");
    const cell = element("td");
    cell.colSpan = Math.max(1, this.#columns.length);
    cell.style.height = `${height}px`;
    row.append(cell);
    return row;
  }
}
