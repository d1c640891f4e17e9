import { sig } from "../site/format.ts";

/**
 * Hover text for figure marks, with no script: Plot writes a mark's `title` channel as an SVG `<title>` child of
 * each element, and browsers show it as a tooltip. Screen readers are not burdened with thousands of them, since
 * every figure is wrapped in an element with role="img" and its own text alternative.
 */

/** How a tooltip prints a number when the figure gives no formatter: as the figures' `sigColumn` tables do. */
export function exact(value: number): string {
  return sig(value, 4);
}

/** One tooltip from its lines; empty and absent lines are dropped (browsers show "\n" as a line break). */
export function tip(...lines: (string | undefined | false)[]): string {
  return lines.filter((line): line is string => typeof line === "string" && line !== "").join("\n");
}

/** "from to to" for a bin or a cell edge pair. */
export function span(from: number, to: number, format: (value: number) => string = exact): string {
  return `${format(from)} to ${format(to)}`;
}

/** Adds a `<title>` to an element drawn by a custom render function (Plot adds its own for `title` channels). */
export function appendTitle(element: Element, text: string): void {
  const title = element.ownerDocument.createElementNS("http://www.w3.org/2000/svg", "title");
  title.textContent = text;
  element.appendChild(title);
}
