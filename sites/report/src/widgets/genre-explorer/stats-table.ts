import { axisLabel, toDisplay } from "../../site/features.ts";
import { int, sig } from "../../site/format.ts";
import type { GroupStats } from "./queries.ts";
import type { ExplorerFeature } from "./spec.ts";

const COLUMNS: { key: keyof GroupStats; label: string }[] = [
  { key: "mean", label: "mean" },
  { key: "sd", label: "sd" },
  { key: "min", label: "min" },
  { key: "q1", label: "Q1" },
  { key: "median", label: "median" },
  { key: "q3", label: "Q3" },
  { key: "max", label: "max" },
];

function cell(tag: "td" | "th", text: string, numeric = false): HTMLTableCellElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (numeric) element.className = "num";
  return element;
}

/** A value in the unit the axis shows, to three significant digits. */
function shown(feature: ExplorerFeature, value: number | null): string {
  return value === null ? "–" : sig(toDisplay(feature, value), 3);
}

/**
 * The groups' summary statistics as a table, each row led by its group's colour (the chart's legend).
 * Every value is set as text.
 */
export function statsTable(
  stats: GroupStats[],
  feature: ExplorerFeature,
  colours: Map<string, string>,
): HTMLTableElement {
  const table = document.createElement("table");
  const caption = document.createElement("caption");
  caption.textContent = `Summary of ${axisLabel(feature)} per group`;
  table.append(caption);

  const head = document.createElement("tr");
  const groupHeader = cell("th", "group");
  groupHeader.scope = "col";
  head.append(groupHeader, cell("th", "tracks", true));
  for (const column of COLUMNS) head.append(cell("th", column.label, true));
  for (const th of head.querySelectorAll("th")) th.scope = "col";
  table.createTHead().append(head);

  const body = table.createTBody();
  for (const s of stats) {
    const row = body.insertRow();
    const name = cell("th", "");
    name.scope = "row";
    const swatch = document.createElement("span");
    swatch.className = "explore-widget-swatch";
    swatch.style.background = colours.get(s.group) ?? "currentColor";
    swatch.setAttribute("aria-hidden", "true");
    name.append(swatch, document.createTextNode(s.group));
    row.append(name, cell("td", int(s.n), true));
    for (const column of COLUMNS)
      row.append(cell("td", shown(feature, s[column.key] as number | null), true));
  }
  return table;
}
