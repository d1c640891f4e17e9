import { describe, expect, it } from "vitest";
import { countStatements, splitStatements } from "../../src/widgets/sql-console/statements.ts";

describe("countStatements", () => {
  it("counts statements separated by semicolons, ignoring empty ones", () => {
    expect(countStatements("SELECT 1")).toBe(1);
    expect(countStatements("SELECT 1;")).toBe(1);
    expect(countStatements("SELECT 1; SELECT 2;\n\n SELECT 3")).toBe(3);
    expect(countStatements(" ; ;\n")).toBe(0);
    expect(countStatements("")).toBe(0);
  });

  it("does not split inside strings, quoted identifiers, dollar quotes or comments", () => {
    expect(countStatements("SELECT 'a;b' AS \"c;d\"")).toBe(1);
    expect(countStatements("SELECT 'it''s; fine'; SELECT 2")).toBe(2);
    expect(countStatements("SELECT $$x;y$$, $tag$;$tag$")).toBe(1);
    expect(countStatements("SELECT 1 -- ; not a split\n; SELECT 2")).toBe(2);
    expect(countStatements("/* a; b */ SELECT 1 /* ; */")).toBe(1);
    expect(countStatements("-- only a comment;\n/* and; another */")).toBe(0);
  });

  it("runs to the end on an unterminated string or comment", () => {
    expect(countStatements("SELECT 'open; SELECT 2")).toBe(1);
    expect(countStatements("SELECT 1; /* open; SELECT 2")).toBe(1);
  });
});

describe("splitStatements", () => {
  it("gives each statement's text, trimmed, without its semicolon", () => {
    expect(splitStatements("SELECT 1; SELECT 2;\n\n SELECT 3")).toEqual(["SELECT 1", "SELECT 2", "SELECT 3"]);
    expect(splitStatements(" ; ;\n")).toEqual([]);
  });

  it("keeps semicolons inside strings, quoted identifiers, dollar quotes and comments", () => {
    expect(splitStatements("SELECT 'a;b' AS \"c;d\"; SELECT $x$;$x$")).toEqual([
      "SELECT 'a;b' AS \"c;d\"",
      "SELECT $x$;$x$",
    ]);
    expect(splitStatements("SELECT 1 -- ; not a split\n; /* ; */ SELECT 2")).toEqual([
      "SELECT 1 -- ; not a split",
      "/* ; */ SELECT 2",
    ]);
  });

  it("agrees with countStatements", () => {
    for (const sql of ["", "SELECT 1;", "a; b; c", "-- x;\nSELECT 'y;z'", "SELECT 1; /* open; SELECT 2"])
      expect(splitStatements(sql)).toHaveLength(countStatements(sql));
  });
});
