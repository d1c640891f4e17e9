import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Colours given as CSS variables (`var(--series)`) let one SVG follow the light and dark themes.
 * Browsers do not reliably resolve `var()` in SVG presentation attributes, so they move into `style`.
 */
function cssVariablesToStyle(root: Element): void {
  for (const element of [root, ...root.querySelectorAll("[fill^='var('], [stroke^='var(']")]) {
    for (const property of ["fill", "stroke"]) {
      const value = element.getAttribute(property);
      if (!value?.startsWith("var(")) continue;
      element.removeAttribute(property);
      const style = element.getAttribute("style");
      element.setAttribute("style", `${style ? `${style.replace(/;?\s*$/, ";")}` : ""}${property}:${value}`);
    }
  }
}

const GEOMETRY = [
  "x",
  "y",
  "x1",
  "x2",
  "y1",
  "y2",
  "cx",
  "cy",
  "r",
  "width",
  "height",
  "d",
  "transform",
  "points",
];

/** Rounds coordinates to a tenth of a pixel: invisible on screen, and it roughly halves the SVG size. */
function roundGeometry(root: Element): void {
  for (const element of [root, ...root.querySelectorAll("*")]) {
    for (const name of GEOMETRY) {
      const value = element.getAttribute(name);
      if (value && /\d\.\d{2}/.test(value)) {
        element.setAttribute(
          name,
          value.replace(/-?\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10)),
        );
      }
    }
  }
}

/**
 * Renders an Observable Plot chart on the server and returns its HTML (an `<svg>`, or a `<figure>`
 * holding a legend and the `<svg>`), ready to inline in a page that works with JavaScript off.
 */
export function renderPlot(options: Plot.PlotOptions): string {
  const plot = Plot.plot({ ...options, document: newDocument() });
  // With a legend Plot returns a <figure>: legends first, the chart's own <svg> last.
  const chart =
    plot.tagName.toLowerCase() === "svg" ? plot : [...plot.querySelectorAll(":scope > svg")].at(-1);
  if (!chart) throw new Error("renderPlot: Plot returned no chart <svg>.");
  // Marks the chart apart from its legends (the tests look for its tooltips).
  chart.classList.add(CHART_CLASS);
  return serialise(plot);
}

/** The class of every chart SVG drawn by renderPlot, as opposed to legends and icons. */
export const CHART_CLASS = "chart";

/** Renders a stand-alone legend (a colour ramp or swatches) for a chart drawn without one. */
export function renderLegend(options: Plot.LegendScales): string {
  // Plot.legend reads `document` like Plot.plot does, though its type does not declare it.
  const withDocument = { ...options, document: newDocument() } as Plot.LegendScales;
  return serialise(Plot.legend(withDocument));
}

function newDocument(): Document {
  return parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
}

/**
 * Plot labels its mark and axis groups (`<g aria-label="rule">`, "x-axis tick", …). On a `<g>` without a role that
 * label is prohibited ARIA (axe: aria-prohibited-attr) and says nothing a reader needs: the figure's text
 * alternative is its container's (role="img", Figure.astro), and the numbers are in the data table beneath it.
 */
function dropRolelessLabels(root: Element): void {
  for (const element of [root, ...root.querySelectorAll("[aria-label], [aria-description]")]) {
    if (element.hasAttribute("role")) continue;
    element.removeAttribute("aria-label");
    element.removeAttribute("aria-description");
  }
}

function serialise(node: Element): string {
  const svgs = node.tagName.toLowerCase() === "svg" ? [node] : [...node.querySelectorAll("svg")];
  for (const svg of svgs) svg.setAttribute("xmlns", SVG_NS);
  dropRolelessLabels(node);
  cssVariablesToStyle(node);
  roundGeometry(node);
  return node.outerHTML;
}
