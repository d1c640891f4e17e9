import { describe, expect, it } from "vitest";
import { csvField, type TableCell, toCsv } from "../../src/widgets/ui/csv.ts";
import { compareCells, nextSort, sortedOrder } from "../../src/widgets/ui/sort.ts";
import { rowWindow } from "../../src/widgets/ui/virtual-window.ts";

describe("CSV export", () => {
  it("quotes fields with commas, quotes or line breaks, and writes NULL as an empty field", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('Say "Hi", <b>')).toBe('"Say ""Hi"", <b>"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(csvField(-0.5)).toBe("-0.5");
    expect(csvField(false)).toBe("false");
  });

  it("writes a header and CRLF-terminated rows", () => {
    expect(
      toCsv(
        ["name", "n"],
        [
          ["a,b", 1],
          [null, 2],
        ],
      ),
    ).toBe('name,n\r\n"a,b",1\r\n,2\r\n');
  });
});

describe("sorting", () => {
  const rows: TableCell[][] = [
    ["track 10", 3, null],
    ["Track 2", null, true],
    ["track 1", 10, false],
    ["track 2", 3, true],
  ];

  it("sorts numbers numerically and text in natural, case-insensitive order", () => {
    expect(compareCells(10, 9)).toBeGreaterThan(0);
    expect(compareCells("track 10", "track 9")).toBeGreaterThan(0);
    expect(compareCells(Number.NaN, 1)).toBeGreaterThan(0);
    expect(sortedOrder(rows, { column: 0, direction: "ascending" })).toEqual([2, 1, 3, 0]);
  });

  it("is stable and puts NULLs last in both directions", () => {
    expect(sortedOrder(rows, { column: 1, direction: "ascending" })).toEqual([0, 3, 2, 1]);
    expect(sortedOrder(rows, { column: 1, direction: "descending" })).toEqual([2, 0, 3, 1]);
    expect(sortedOrder(rows, { column: 2, direction: "descending" })).toEqual([1, 3, 2, 0]);
    expect(sortedOrder(rows, undefined)).toEqual([0, 1, 2, 3]);
  });

  it("keeps a mixed BIGINT column (numbers and digit strings) in a consistent order", () => {
    const mixed: TableCell[][] = [["9007199254740993"], [5], ["9007199254740992"]];
    expect(sortedOrder(mixed, { column: 0, direction: "ascending" })).toEqual([1, 2, 0]);
  });

  it("cycles a column through ascending, descending and the query's own order", () => {
    const first = nextSort(undefined, 2);
    expect(first).toEqual({ column: 2, direction: "ascending" });
    const second = nextSort(first, 2);
    expect(second).toEqual({ column: 2, direction: "descending" });
    expect(nextSort(second, 2)).toBeUndefined();
    expect(nextSort(second, 0)).toEqual({ column: 0, direction: "ascending" });
  });
});

describe("rowWindow", () => {
  it("renders the rows in view plus the overscan on each side", () => {
    // 20 px rows, a 100 px viewport scrolled to 1,000 px: rows 50–54 are in view (+1 partial).
    expect(rowWindow(1000, 100, 20, 10_000, 10)).toEqual({ first: 40, end: 66 });
  });

  it("clamps at both ends and never returns an empty window for a non-empty table", () => {
    expect(rowWindow(0, 100, 20, 10_000, 10)).toEqual({ first: 0, end: 16 });
    expect(rowWindow(-50, 100, 20, 3, 10)).toEqual({ first: 0, end: 3 });
    expect(rowWindow(1_000_000, 100, 20, 100, 10)).toEqual({ first: 99, end: 100 });
    expect(rowWindow(0, 100, 20, 0, 10)).toEqual({ first: 0, end: 0 });
  });
});
