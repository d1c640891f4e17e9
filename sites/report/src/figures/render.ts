import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * The figures' text size in CSS pixels, for every label, tick, legend and value. Plot's default is 10 px; the
 * figures are never scaled down (global.css), so this is the size a reader sees at every width.
 */
export const FONT_SIZE = 12;

/** Roughly how wide `chars` characters of figure text run, for margins that must hold the longest label. */
export function textWidth(chars: number): number {
  return chars * 0.55 * FONT_SIZE;
}

/**
 * Plot sets 10 px on each chart and ramp legend (a font-size attribute on the SVG) and on swatch legends (a
 * :where() rule, which an inline style outranks): each is raised to FONT_SIZE, as is any smaller size a mark set.
 */
function setFontSize(root: Element): void {
  for (const element of [root, ...root.querySelectorAll("[font-size]")]) {
    if (Number(element.getAttribute("font-size")) < FONT_SIZE)
      element.setAttribute("font-size", String(FONT_SIZE));
  }
  for (const element of [root, ...root.querySelectorAll("div")]) {
    if (![...element.classList].some((name) => name.endsWith("-swatches"))) continue;
    const style = element.getAttribute("style")?.replace(/;?\s*$/, ";") ?? "";
    element.setAttribute("style", `${style}font-size:${FONT_SIZE}px`);
  }
}

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
 * Plot's default margins (20 above, 30 below) fit 10 px text: at FONT_SIZE the y-axis label ("↑ loss") runs into
 * the top tick label and the x-axis label into the tick labels above it. These defaults give each a line of its
 * own; a chart that sets its own margin keeps it.
 */
function roomForAxisLabels(options: Plot.PlotOptions): Plot.PlotOptions {
  return { marginTop: 28, marginBottom: 42, ...options };
}

/**
 * Renders an Observable Plot chart on the server and returns its HTML (an `<svg>`, or a `<figure>`
 * holding a legend and the `<svg>`), ready to inline in a page that works with JavaScript off.
 */
export function renderPlot(options: Plot.PlotOptions): string {
  const plot = Plot.plot({ ...roomForAxisLabels(options), document: newDocument() });
  // With a legend Plot returns a <figure>: legends first, the chart's own <svg> last.
  const chart =
    plot.tagName.toLowerCase() === "svg" ? plot : [...plot.querySelectorAll(":scope > svg")].at(-1);
  if (!chart) throw new Error("renderPlot: Plot returned no chart <svg>.");
  // Marks the chart apart from its legends (the tests look for its tooltips).
  chart.classList.add(CHART_CLASS);
  return serialise(plot);
}

/**
 * Plot names the clip paths, markers and patterns it defines `plot-clip-<n>` (and so on) from counters that run
 * for the whole process, so a drawing's ids depend on how many figures were drawn before it: a figure read back
 * from the build cache (figures/draw.ts) could then share an id with one drawn in this build on the same page,
 * and `url(#…)` would point into the wrong figure. Renamed after the figure (`<figure id>-clip-1`, numbered in
 * order of appearance), each drawing is the same whenever it is made and unique on its page.
 */
export function scopePlotIds(html: string, figureId: string): string {
  const renamed = new Map<string, string>();
  const counts = new Map<string, number>();
  return html.replace(/\bplot-(clip|marker|pattern)-(\d+)\b/g, (id: string, kind: string) => {
    let name = renamed.get(id);
    if (name === undefined) {
      const count = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, count);
      name = `${figureId}-${kind}-${count}`;
      renamed.set(id, name);
    }
    return name;
  });
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
  setFontSize(node);
  cssVariablesToStyle(node);
  roundGeometry(node);
  return node.outerHTML;
}
