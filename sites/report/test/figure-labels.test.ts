import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "./support/browser.ts";
import { requireChromiumUnderCi, servedSiteInChromium } from "./support/browser-suite.ts";
import { chapterSlugs } from "./support/site.ts";

requireChromiumUnderCi("figure labels");

describe.runIf(chromiumAvailable)("figure text", () => {
  const suite = servedSiteInChromium();

  it.each(chapterSlugs())("%s: no two text labels of one chart overlap", async (slug) => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.url}chapters/${slug}/`, { waitUntil: "load" });
    const overlaps = await page.evaluate(() => {
      type Point = { x: number; y: number };
      /** A text's glyph box as a quadrilateral on the screen: its local box through its transform (rotated ticks too). */
      const quad = (t: SVGTextElement): Point[] => {
        const b = t.getBBox();
        const m = t.getScreenCTM();
        if (!m) return [];
        return [
          [b.x, b.y],
          [b.x + b.width, b.y],
          [b.x + b.width, b.y + b.height],
          [b.x, b.y + b.height],
        ].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
      };
      /** Separating-axis test for two convex quadrilaterals, with a pixel of tolerance (touching glyph boxes pass). */
      const intersect = (a: Point[], b: Point[]): boolean => {
        for (const shape of [a, b]) {
          for (let i = 0; i < shape.length; i++) {
            const p = shape[i] as Point;
            const q = shape[(i + 1) % shape.length] as Point;
            const length = Math.hypot(q.x - p.x, q.y - p.y) || 1;
            const axis = { x: -(q.y - p.y) / length, y: (q.x - p.x) / length };
            const project = (s: Point[]) => s.map((v) => v.x * axis.x + v.y * axis.y);
            const pa = project(a);
            const pb = project(b);
            if (Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb)) <= 1)
              return false;
          }
        }
        return true;
      };
      const found: string[] = [];
      for (const chart of document.querySelectorAll<SVGSVGElement>("main svg.chart")) {
        if (!chart.checkVisibility()) continue;
        const figure = chart.closest("figure.figure")?.id ?? "?";
        const labels = [...chart.querySelectorAll<SVGTextElement>("text")]
          .filter((t) => (t.textContent ?? "").trim() !== "")
          .map((t) => ({ text: t.textContent ?? "", quad: quad(t) }))
          .filter(({ quad }) => quad.length === 4);
        for (let i = 0; i < labels.length; i++) {
          for (let j = i + 1; j < labels.length; j++) {
            const a = labels[i];
            const b = labels[j];
            if (a && b && intersect(a.quad, b.quad)) found.push(`${figure}: "${a.text}" × "${b.text}"`);
          }
        }
      }
      return found;
    });
    await context.close();
    expect(overlaps).toEqual([]);
  });
});
