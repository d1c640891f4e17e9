import { describe, expect, it } from "vitest";
import { toCsv, toJson } from "../src/figures/downloads.ts";
import { densityThresholds } from "../src/figures/kinds/density.ts";
import { measurePage } from "../src/integrations/page-weight-measure.ts";
import { normaliseBase } from "../src/site/base-path.ts";
import { count, dec, duration, int, pct, pctAgainst, sig } from "../src/site/format.ts";

describe("normaliseBase", () => {
  it("always gives a leading and a trailing slash", () => {
    expect(normaliseBase(undefined)).toBe("/");
    expect(normaliseBase("")).toBe("/");
    expect(normaliseBase("/")).toBe("/");
    expect(normaliseBase("report")).toBe("/report/");
    expect(normaliseBase("/a/b")).toBe("/a/b/");
    expect(normaliseBase("//a/b//")).toBe("/a/b/");
  });
});

describe("format", () => {
  it("formats counts, decimals, shares and durations", () => {
    expect(int(113822)).toBe("113,822");
    expect(dec(0.47369, 2)).toBe("0.47");
    expect(pct(0.0856)).toBe("8.6%");
    // Against a threshold, a miss never rounds onto it, nor a hit below it.
    expect(pctAgainst(0.5996, 0.6)).toBe("59.96%");
    expect(pctAgainst(0.59996, 0.6)).toBe("59.996%");
    expect(pctAgainst(0.5929, 0.6)).toBe("59.3%");
    expect(pctAgainst(0.6004, 0.6)).toBe("60.0%");
    expect(sig(228134.9, 4)).toBe("228,135");
    expect(sig(0.0847581, 3)).toBe("0.0848");
    expect(duration(228135)).toBe("3 min 48 s");
    expect(duration(43_000)).toBe("43 s");
    expect(count(1, "row")).toBe("1 row");
    expect(count(2, "row")).toBe("2 rows");
  });
});

describe("downloads", () => {
  const table = {
    columns: [
      { key: "name", label: "name" },
      { key: "value", label: "value" },
    ],
    rows: [
      { name: 'a "quoted", name', value: 1.5 },
      { name: "plain", value: null },
    ],
  };

  it("writes RFC 4180 CSV with quoted fields", () => {
    expect(toCsv(table)).toBe('name,value\r\n"a ""quoted"", name",1.5\r\nplain,\r\n');
  });

  it("writes JSON with the figure id, columns and rows", () => {
    expect(JSON.parse(toJson("f", "F", table))).toEqual({
      figure: "f",
      title: "F",
      columns: table.columns,
      rows: table.rows,
    });
  });
});

describe("densityThresholds", () => {
  it("is increasing, log-spaced and at most six thresholds", () => {
    const thresholds = densityThresholds(3000);
    expect(thresholds.length).toBeLessThanOrEqual(6);
    expect([...thresholds].sort((a, b) => a - b)).toEqual(thresholds);
    expect(thresholds[0]).toBeGreaterThanOrEqual(2);
  });
});

describe("measurePage", () => {
  it("counts inline and linked CSS and JavaScript, ignoring JSON data scripts", async () => {
    const html =
      '<link rel="stylesheet" href="/r/_astro/a.css"><style>b{}</style><script src="/r/_astro/x.js"></script>' +
      '<script>let y</script><script type="application/ld+json">{"a":1}</script>';
    const sizes: Record<string, number> = { "_astro/a.css": 100, "_astro/x.js": 40 };
    const weight = await measurePage(html, 500, async (path) => sizes[path] ?? 0, "/r/");
    expect(weight).toEqual({ html: 500, js: 40 + "let y".length, css: 100 + "b{}".length });
  });
});
