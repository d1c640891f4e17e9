import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { decColumn, intColumn, numberFormat, shareColumn, textColumn } from "../src/figures/columns.ts";
import { horizontalBars, LABEL_ROOM, roomForLabel } from "../src/figures/kinds/bars.ts";
import { type DensityGrid, densityWithFits } from "../src/figures/kinds/density.ts";
import { lineChart } from "../src/figures/kinds/lines.ts";
import { compactMatrix, labelledMatrix } from "../src/figures/kinds/matrix.ts";
import { span, tip } from "../src/figures/tips.ts";

/** The figure renderers' tooltips, on small hand-made inputs. */

function svg(html: string): Element {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const chart = document.querySelector("svg.chart");
  if (!chart) throw new Error("no chart svg");
  return chart as unknown as Element;
}

function titles(html: string): string[] {
  return [...svg(html).querySelectorAll("title")].map((t) => t.textContent ?? "");
}

describe("room for the labels of negative bars", () => {
  it("leaves LABEL_ROOM pixels left of the most negative bar's end, however short the bar", () => {
    for (const [min, max] of [
      [-0.0001, 0.1],
      [-0.05, 0.1],
      [-2, 0],
    ] as const) {
      const lower = roomForLabel(min, max, 570);
      // Pixels from the axis's left end to the bar's end, on a linear scale over [lower, max].
      const pixels = ((min - lower) / (max - lower)) * 570;
      expect(pixels).toBeCloseTo(LABEL_ROOM, 9);
    }
  });
});

describe("tooltip text", () => {
  it("joins its lines and drops empty or absent ones", () => {
    expect(tip("a", undefined, "", false, "b")).toBe("a\nb");
    expect(span(0.25, 0.5)).toBe("0.2500 to 0.5000");
  });

  it("prints numbers as the data table's column does", () => {
    expect(numberFormat(decColumn("v", "v", 4))(-0.123456)).toBe("−0.1235");
    expect(numberFormat(intColumn("n", "n"))(113822)).toBe("113,822");
    expect(numberFormat(shareColumn("s", "s"))(0.123456)).toBe("12.35%");
    expect(() => numberFormat(textColumn("t", "t"))).toThrow(/not a formatted number column/);
  });
});

describe("tooltips on marks", () => {
  it("bars: the category, the group, the exact value under the axis's name, and the note", () => {
    const html = horizontalBars({
      bars: [
        { label: "a", value: 1234.5, group: "g", note: "n" },
        { label: "b", value: 2, group: "b" },
      ],
      groups: ["g", "b"],
      valueLabel: "tracks",
      categoryLabel: "genre",
    });
    expect(titles(html).sort()).toEqual(["genre: a (g)\ntracks: 1,235\nn", "genre: b\ntracks: 2"]);
  });

  it("matrix cells carry the tooltip, and their labels let the pointer through", () => {
    const html = labelledMatrix({
      rows: ["r"],
      columns: ["c1", "c2"],
      cells: [
        { row: "r", column: "c1", value: 0.25, note: "5 tracks" },
        { row: "r", column: "c2", value: 0.75 },
      ],
      thresholds: [0.5],
      label: "share",
      format: (v) => String(Math.round(v * 100)),
      tipFormat: (v) => `${v * 100}%`,
    });
    expect(titles(html)).toEqual(["r × c1\nshare: 25%\n5 tracks", "r × c2\nshare: 75%"]);
    // The text mark's group: the one whose children are the cells' labels (25 and 75).
    const labels = [...svg(html).querySelectorAll("g")].filter((g) =>
      [...g.querySelectorAll(":scope > text")].some((t) => t.textContent === "25"),
    );
    expect(labels.map((g) => g.getAttribute("pointer-events"))).toEqual(["none"]);
  });

  it("keeps no ARIA label on an element without a role (axe: aria-prohibited-attr)", () => {
    const html = labelledMatrix({
      rows: ["r"],
      columns: ["c1"],
      cells: [{ row: "r", column: "c1", value: 0.25 }],
      thresholds: [0.5],
      label: "share",
      format: (v) => String(v),
    });
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const labelled = [...document.querySelectorAll("[aria-label], [aria-description]")];
    expect(labelled.filter((element) => !element.hasAttribute("role"))).toEqual([]);
    // Plot would have labelled the mark groups: the renderer's clean-up is what removes them.
    expect(html).not.toMatch(/<g[^>]*aria-label=/);
  });

  it("a compact matrix has one tooltip per row listing the row's values", () => {
    const html = compactMatrix({
      rows: ["r1", "r2"],
      columns: ["x", "y"],
      cells: [
        { row: "r1", column: "x", value: 0.1 },
        { row: "r1", column: "y", value: 0.2 },
        { row: "r2", column: "y", value: 0.3 },
      ],
      thresholds: [0.15],
      label: "R²",
    });
    expect(titles(html)).toEqual(["r1: R²\nx: 0.1000\ny: 0.2000", "r2: R²\ny: 0.3000"]);
  });

  it("density tooltips cover blocks of cells and count every track on the grid", () => {
    // 20 × 20 cells holding one track each: tooltips over 2 × 2 blocks, 100 of them, 4 tracks apiece.
    const grid: DensityGrid = {
      nx: 20,
      ny: 20,
      xMin: 0,
      xMax: 1,
      yMin: 0,
      yMax: 2,
      counts: Array.from({ length: 400 }, () => 1),
    };
    const html = densityWithFits({ grid, xLabel: "x", yLabel: "y", fits: [] });
    const blocks = titles(html);
    expect(blocks).toHaveLength(100);
    expect(new Set(blocks.map((t) => t.split("\n")[2]))).toEqual(new Set(["4 tracks"]));
    expect(blocks).toContain("x: 0 to 0.1000\ny: 0 to 0.2000\n4 tracks");
  });

  it("lines without dots keep hover targets at least 10 pixels apart, with each series' ends", () => {
    // 201 points on the diagonal of a 400 × 400 plot area: about 566 pixels long, so 57 targets at most.
    const points = Array.from({ length: 201 }, (_, i) => ({ series: "s", x: i / 200, y: i / 200 }));
    const html = lineChart({
      points,
      series: ["s"],
      xLabel: "x",
      yLabel: "y",
      xDomain: [0, 1],
      yDomain: [0, 1],
      width: 400 + 52 + 20,
      height: 400 + 20 + 40,
    });
    const circles = [...svg(html).querySelectorAll("circle")].map((c) => ({
      x: Number(c.getAttribute("cx")),
      y: Number(c.getAttribute("cy")),
      tip: c.querySelector("title")?.textContent ?? "",
    }));
    expect(circles.length).toBeGreaterThan(40);
    expect(circles.length).toBeLessThanOrEqual(58);
    expect(circles[0]?.tip).toBe("s\nx: 0\ny: 0");
    expect(circles.at(-1)?.tip).toBe("s\nx: 1\ny: 1");
    for (let i = 1; i < circles.length - 1; i++) {
      const [a, b] = [circles[i - 1], circles[i]];
      // Coordinates are rounded to a tenth of a pixel in the output.
      expect(Math.hypot((b?.x ?? 0) - (a?.x ?? 0), (b?.y ?? 0) - (a?.y ?? 0))).toBeGreaterThanOrEqual(9.8);
    }
  });
});
