// The client build's prebundled dependencies (integrations/prebundle.ts): what resolves to a bundle, that a
// bundle has its entry's exports (Plot: widgets/plot-marks.ts's; Arrow: the package's), working, and that the
// build cache hands back the same bytes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { BuildCache } from "../src/integrations/build-cache.ts";
import {
  BUNDLE_ENTRIES,
  bundlePackage,
  type Made,
  PREBUNDLED,
  prebundlePlugin,
} from "../src/integrations/prebundle.ts";

const siteDir = fileURLToPath(new URL("../", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "spotiflies-prebundle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BROWSER_ENTRY: Record<string, string> = { "apache-arrow": "apache-arrow/Arrow.dom" };

/** Imports a bundle's text as a module, from a file in the temporary folder. */
async function importBundle(code: string, name: string): Promise<Record<string, unknown>> {
  const file = join(root, `${name.replace(/\W/g, "_")}.mjs`);
  writeFileSync(file, code);
  return import(pathToFileURL(file).href);
}

describe("prebundlePlugin", () => {
  it("resolves the listed packages to a bundle in the client build only", () => {
    const plugin = prebundlePlugin(siteDir, { bundle: async () => "" });
    for (const name of PREBUNDLED) {
      expect(plugin.resolveId(name, "/page.ts", {})).toMatch(/^\0/);
      expect(plugin.resolveId(name, "/page.ts", { ssr: true })).toBeNull();
    }
    // A subpath, another package, a site module: Vite resolves them as before.
    expect(plugin.resolveId("apache-arrow/Arrow.dom.mjs", "/page.ts", {})).toBeNull();
    expect(plugin.resolveId("@duckdb/duckdb-wasm", "/page.ts", {})).toBeNull();
    expect(plugin.resolveId("./app.ts", "/page.ts", {})).toBeNull();
    expect(plugin.load("/work/src/app.ts")).toBeNull();
  });

  it("makes each bundle once per build, and takes it from the build cache in the next build", async () => {
    const cache = new BuildCache(mkdtempSync(join(root, "cache-")));
    let calls = 0;
    const bundle = async (name: string) => {
      calls++;
      return `export const name = ${JSON.stringify(name)};`;
    };
    const made: Made[] = [];
    const first = prebundlePlugin(siteDir, { cache, bundle }, made);
    const id = first.resolveId("@observablehq/plot", undefined, {}) as string;
    const [a, b] = await Promise.all([first.load(id), first.load(id)]);
    expect(a).toBe('export const name = "@observablehq/plot";');
    expect(b).toBe(a);
    expect(calls).toBe(1);
    const second = prebundlePlugin(siteDir, { cache, bundle }, made);
    expect(await second.load(id)).toBe(a);
    expect(calls).toBe(1);
    expect(made.map((entry) => entry.fromCache)).toEqual([false, true]);
  });
});

describe("bundlePackage", () => {
  it.each(PREBUNDLED)("bundles %s into one module with every export of its entry", async (name) => {
    const code = await bundlePackage(name, siteDir);
    // One module: no import left but of the other prebundled package.
    const imports = [...code.matchAll(/^import\b.*?from\s+"([^"]+)"/gm)].map((match) => match[1]);
    expect(
      imports.every((specifier) => (PREBUNDLED as readonly string[]).includes(specifier as string)),
    ).toBe(true);
    const bundled = await importBundle(code, name);
    // The entry module where there is one; else what Node resolves the package to for the browser's conditions
    // (Arrow has a Node entry with more exports).
    const entry = BUNDLE_ENTRIES[name];
    const original = (await import(entry ? entry.href : (BROWSER_ENTRY[name] ?? name))) as Record<
      string,
      unknown
    >;
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(original).sort());
    if (entry) {
      // A part of the package only: fewer exports than it has.
      const whole = (await import(name)) as Record<string, unknown>;
      expect(Object.keys(bundled).length).toBeLessThan(Object.keys(whole).length / 4);
    }
  });

  it("gives a Plot that draws the same chart as the package", async () => {
    const { parseHTML } = await import("linkedom");
    const bundled = (await importBundle(await bundlePackage("@observablehq/plot", siteDir), "plot-draw")) as {
      plot: (options: object) => { outerHTML: string };
      barY: (data: number[]) => object;
    };
    const Plot = await import("@observablehq/plot");
    const draw = (plot: typeof bundled.plot, bar: typeof bundled.barY) =>
      plot({ marks: [bar([3, 1, 2])], document: parseHTML("<html><body></body></html>").document }).outerHTML;
    const chart = draw(bundled.plot, bundled.barY);
    expect(chart).toContain("<rect");
    expect(chart).toBe(draw(Plot.plot as never, Plot.barY as never));
  });
});
