import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { brokenLinks } from "./support/links.ts";
import { builtPages, ensureBuilt } from "./support/site.ts";

const SUB_PATH = "/spotiflies/report/";
/** Kept between runs (and rebuilt only when a source is newer), so repeated test runs stay fast. */
const outDir = join(tmpdir(), "spotiflies-report-sub-path-build");

describe(`built under a sub-path (${SUB_PATH})`, () => {
  beforeAll(() => ensureBuilt(outDir, SUB_PATH));

  it("every internal link resolves within the sub-path", () => {
    const pages = builtPages(outDir);
    expect(pages.length).toBeGreaterThan(1);
    expect(brokenLinks(outDir, SUB_PATH, pages)).toEqual([]);
  });
});
