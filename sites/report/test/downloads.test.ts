import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parsePage } from "./support/html.ts";
import { builtPages, distDir, ensureBuilt, expectedBase } from "./support/site.ts";

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

interface FigureJson {
  figure: string;
  title: string;
  columns: { key: string; label: string }[];
  rows: Record<string, unknown>[];
}

function downloadLinks(): { page: string; href: string }[] {
  return builtPages().flatMap((page) =>
    [
      ...parsePage(readFileSync(join(distDir, page), "utf8")).querySelectorAll(
        "details.figure-data a[download]",
      ),
    ].map((a) => ({ page, href: a.getAttribute("href") ?? "" })),
  );
}

function fileOf(href: string): string {
  return join(distDir, href.slice(expectedBase.length));
}

beforeAll(() => ensureBuilt());

describe("figure data downloads", () => {
  it("every figure offers a CSV and a JSON file that exist in the build", () => {
    const links = downloadLinks();
    expect(links.length).toBeGreaterThan(0);
    for (const { page, href } of links) expect(existsSync(fileOf(href)), `${page}: ${href}`).toBe(true);
  });

  it("each CSV parses, has a header and as many rows as its JSON twin", () => {
    const csvLinks = downloadLinks().filter((link) => link.href.endsWith(".csv"));
    for (const { href } of csvLinks) {
      const csv = parseCsv(readFileSync(fileOf(href), "utf8"));
      const json = JSON.parse(readFileSync(fileOf(href.replace(/\.csv$/, ".json")), "utf8")) as FigureJson;
      const [header, ...rows] = csv;
      expect(header, href).toEqual(json.columns.map((c) => c.key));
      expect(rows.length, href).toBe(json.rows.length);
      expect(rows.length, href).toBeGreaterThan(0);
      for (const row of rows) expect(row.length, href).toBe(header?.length);
    }
  });

  it("each JSON names its figure and has a value for every column in every row", () => {
    const jsonLinks = downloadLinks().filter((link) => link.href.endsWith(".json"));
    for (const { href } of jsonLinks) {
      const json = JSON.parse(readFileSync(fileOf(href), "utf8")) as FigureJson;
      expect(href.endsWith(`/${json.figure}.json`)).toBe(true);
      expect(json.title.length).toBeGreaterThan(0);
      for (const row of json.rows) expect(Object.keys(row)).toEqual(json.columns.map((c) => c.key));
    }
  });
});
