import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DateDay,
  Decimal,
  Field,
  Int32,
  List,
  makeData,
  makeVector,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
} from "apache-arrow";
import { afterAll, describe, expect, it } from "vitest";
import { parseByteRange, sendFile } from "../../src/integrations/byte-range.ts";
import { initialJs, staticImports } from "../../src/integrations/initial-js.ts";
import { integerCell, sqlTypeName, tableToRows, toCell } from "../../src/widgets/duckdb/arrow-values.ts";
import { errorExcerpt, readableError } from "../../src/widgets/duckdb/messages.ts";

describe("Arrow values as the widgets receive them", () => {
  it("keeps 64-bit integers exact: numbers when safe, digit strings beyond 2^53", () => {
    expect(integerCell(42n)).toBe(42);
    expect(integerCell(-(2n ** 53n) + 1n)).toBe(-9007199254740991);
    expect(integerCell(2n ** 53n)).toBe("9007199254740992");
    expect(integerCell(-(2n ** 63n))).toBe("-9223372036854775808");
  });

  it("converts a table column by column, with SQL type names and NULLs", () => {
    const table = new Table({
      id: vectorFromArray([1n, 2n ** 60n, null]),
      name: vectorFromArray(["a", null, "<img src=x>"], new Utf8()),
      score: vectorFromArray([0.5, Number.NaN, 1.25]),
      flag: vectorFromArray([true, false, null]),
    });
    const { columns, rows } = tableToRows(table);
    expect(columns).toEqual([
      { name: "id", type: "BIGINT" },
      { name: "name", type: "VARCHAR" },
      { name: "score", type: "DOUBLE" },
      { name: "flag", type: "BOOLEAN" },
    ]);
    expect(rows).toEqual([
      [1, "a", 0.5, true],
      ["1152921504606846976", null, Number.NaN, false],
      [null, "<img src=x>", 1.25, null],
    ]);
  });

  it("writes dates and timestamps as ISO text, decimals as numbers, nested values as JSON", () => {
    // 2020-01-02 is day 18263 of the epoch.
    expect(toCell(new DateDay(), 18_263 * 86_400_000)).toBe("2020-01-02");
    expect(toCell(new TimestampMillisecond(), Date.UTC(2020, 0, 2, 3, 4, 5))).toBe("2020-01-02 03:04:05");
    expect(toCell(new TimestampMillisecond(), Date.UTC(2020, 0, 2, 3, 4, 5, 250))).toBe(
      "2020-01-02 03:04:05.250",
    );
    // DECIMAL(10, 2) holding 123.45, stored as the unscaled integer 12345.
    const decimal = makeVector(
      makeData({
        type: new Decimal(2, 10, 128),
        length: 1,
        nullCount: 0,
        data: new Uint32Array([12345, 0, 0, 0]),
      }),
    );
    expect(toCell(decimal.type, decimal.get(0))).toBe(123.45);
    // HUGEINT arrives as DECIMAL(38, 0): 2^64 + 5 does not fit a double exactly.
    const huge = makeVector(
      makeData({
        type: new Decimal(0, 38, 128),
        length: 1,
        nullCount: 0,
        data: new Uint32Array([5, 0, 1, 0]),
      }),
    );
    expect(toCell(huge.type, huge.get(0))).toBe("18446744073709551621");
    expect(sqlTypeName(huge.type)).toBe("DECIMAL(38, 0)");
    const list = vectorFromArray([[1, 2]], new List(new Field("item", new Int32())));
    expect(toCell(list.type, list.get(0))).toBe("[1,2]");
    expect(sqlTypeName(list.type)).toBe("INTEGER[]");
    const struct = new Struct([new Field("a", new Int32()), new Field("b", new Utf8())]);
    const row = vectorFromArray([{ a: 1, b: "x" }], struct);
    expect(toCell(row.type, row.get(0))).toBe('{"a":1,"b":"x"}');
    expect(sqlTypeName(struct)).toBe("STRUCT(a INTEGER, b VARCHAR)");
  });
});

describe("readableError", () => {
  it("drops DuckDB-WASM's repeated excerpt and keeps the rest verbatim", () => {
    const excerpt = "LINE 1: SELEC 1\n        ^";
    expect(readableError(`Parser Error: syntax error at or near "SELEC"\n\n${excerpt}\n\n${excerpt}`)).toBe(
      `Parser Error: syntax error at or near "SELEC"\n\n${excerpt}`,
    );
    expect(readableError("Catalog Error: Table with name x does not exist!")).toBe(
      "Catalog Error: Table with name x does not exist!",
    );
  });
});

describe("DuckDB's errors in JSON form", () => {
  it("are written as DuckDB writes them, with the excerpt pointing at the position", () => {
    const json = JSON.stringify({
      exception_type: "Parser",
      exception_message: 'syntax error at or near "SELEC"',
      position: "0",
      error_subtype: "SYNTAX_ERROR",
    });
    expect(readableError(json, "SELEC 1")).toBe(
      'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^',
    );
    expect(readableError(json)).toBe('Parser Error: syntax error at or near "SELEC"');
    expect(readableError("{not json")).toBe("{not json");
  });

  it("cut long lines to 40 characters either side, and count lines", () => {
    const sql = `SELECT 1;\nSELECT ${"x, ".repeat(30)}FORM tracks WHERE ${"y AND ".repeat(10)}z`;
    const position = sql.indexOf("FORM");
    const [line, caret] = errorExcerpt(sql, position).split("\n");
    expect(line).toMatch(/^LINE 2: \.\.\./);
    expect(line).toMatch(/\.\.\.$/);
    expect(line?.slice((caret?.length ?? 0) - 1, caret?.length)).toBe("F");
    expect(line?.length).toBe("LINE 2: ".length + 3 + 39 + 39 + 3);
    expect(errorExcerpt("SELECT\n  nope", 9)).toBe("LINE 2:   nope\n          ^");
  });
});

describe("byte ranges", () => {
  it("parses single ranges, suffixes and open ends; ignores what it does not support", () => {
    expect(parseByteRange(undefined, 100)).toBeUndefined();
    expect(parseByteRange("bytes=0-0", 100)).toEqual({ start: 0, end: 0 });
    expect(parseByteRange("bytes=10-", 100)).toEqual({ start: 10, end: 99 });
    expect(parseByteRange("bytes=90-200", 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange("bytes=-30", 100)).toEqual({ start: 70, end: 99 });
    expect(parseByteRange("bytes=-300", 100)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseByteRange("bytes=-0", 100)).toBe("unsatisfiable");
    expect(parseByteRange("bytes=0-1,5-6", 100)).toBeUndefined();
    expect(parseByteRange("bytes=5-1", 100)).toBeUndefined();
    expect(parseByteRange("items=0-1", 100)).toBeUndefined();
  });

  const dir = mkdtempSync(join(tmpdir(), "spotiflies-range-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("serves HEAD, whole files and 206 partial content as DuckDB-WASM asks for them", async () => {
    const file = join(dir, "data.bin");
    writeFileSync(file, "0123456789");
    const server = createServer((request, response) => {
      void sendFile(request, response, file, { "Content-Type": "application/octet-stream" });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const head = await fetch(url, { method: "HEAD" });
      expect([head.status, head.headers.get("content-length"), head.headers.get("accept-ranges")]).toEqual([
        200,
        "10",
        "bytes",
      ]);
      expect(await (await fetch(url)).text()).toBe("0123456789");
      const part = await fetch(url, { headers: { Range: "bytes=2-4" } });
      expect(part.status).toBe(206);
      expect(part.headers.get("content-range")).toBe("bytes 2-4/10");
      expect(await part.text()).toBe("234");
      const past = await fetch(url, { headers: { Range: "bytes=10-" } });
      expect([past.status, past.headers.get("content-range")]).toEqual([416, "bytes */10"]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("initialJs", () => {
  it("finds static imports in minified modules and leaves dynamic imports out", () => {
    const code =
      'import{a as b}from"./preload.js";import"./side.js";export{c}from"./re.js";' +
      'const x=()=>import("./client.js");export*from"/r/_astro/all.js"';
    expect(staticImports(code)).toEqual(["./preload.js", "./side.js", "./re.js", "/r/_astro/all.js"]);
  });

  it("follows a page's scripts through their static imports, once each, and gzips each file", async () => {
    const files: Record<string, string> = {
      "_astro/boot.js": 'import{p}from"./preload.js";import"./preload.js";p(()=>import("./client.js"));',
      "_astro/preload.js": `export const p=f=>f;${"/* padding */".repeat(50)}`,
      "_astro/client.js": "never loaded before use",
    };
    const html = '<script type="module" src="/r/_astro/boot.js"></script><script>let inline=1</script>';
    const result = await initialJs(html, async (path) => files[path] ?? "", "/r/");
    expect(result.files).toEqual(["_astro/boot.js", "_astro/preload.js"]);
    const boot = files["_astro/boot.js"] ?? "";
    const preload = files["_astro/preload.js"] ?? "";
    expect(result.bytes).toBe(boot.length + preload.length + "let inline=1".length);
    expect(result.gzipBytes).toBeGreaterThan(0);
    expect(result.gzipBytes).toBeLessThan(result.bytes);
  });
});
