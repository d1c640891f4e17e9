import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  drawFigure,
  type FigureCacheSetting,
  figureCacheStats,
  resetFigureCacheStats,
} from "../src/figures/draw.ts";
import { allFigures } from "../src/figures/registry.ts";
import { scopePlotIds } from "../src/figures/render.ts";
import type { FigureSpec } from "../src/figures/types.ts";
import { cacheKey } from "../src/integrations/build-cache.ts";
import {
  defaultInputs,
  type FingerprintInputs,
  figureFingerprint,
  placesOnly,
} from "../src/integrations/figure-cache.ts";
import { builtPages, distDir, ensureBuilt, siteDir } from "./support/site.ts";

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "figure-cache-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A small tree shaped like the repository: the site's src/, a package's sources and results, a lockfile. */
function fixture(): FingerprintInputs {
  write("site/src/figures/catalog/one.ts", "export const figures = () => [];");
  write("site/src/chapters/one.mdx", "# One");
  write("site/src/components/Figure.astro", "<figure />");
  write("site/src/styles/global.css", "body {}");
  write("packages/a/src/results.ts", "export const read = () => 1;");
  write("packages/a/output/results/fit.json", '{"accuracy":0.5}');
  write("package-lock.json", '{"lockfileVersion":3}');
  return {
    siteSource: join(root, "site/src"),
    folders: [join(root, "packages/a/src"), join(root, "packages/a/output/results")],
    files: [join(root, "package-lock.json")],
    settings: { node: "v20.0.0", base: "/" },
  };
}

describe("the figures' fingerprint", () => {
  it("stays the same when only a chapter, page, component or stylesheet changes", async () => {
    const inputs = fixture();
    const before = await figureFingerprint(inputs);
    write("site/src/chapters/one.mdx", "# One, edited");
    write("site/src/chapters/two.mdx", "# Two");
    write("site/src/components/Figure.astro", "<figure class='x' />");
    write("site/src/styles/global.css", "body { color: red }");
    expect(await figureFingerprint(inputs)).toBe(before);
  });

  it("changes with the drawing code, the packages' sources, the results, the lockfile and the settings", async () => {
    const inputs = fixture();
    const seen = new Set([await figureFingerprint(inputs)]);
    const changes: [string, () => void][] = [
      ["a catalog", () => write("site/src/figures/catalog/one.ts", "export const figures = () => [1];")],
      ["a new module", () => write("site/src/facts/new.ts", "export {};")],
      ["a package source", () => write("packages/a/src/results.ts", "export const read = () => 2;")],
      ["a result", () => write("packages/a/output/results/fit.json", '{"accuracy":0.6}')],
      [
        "a renamed result",
        () => {
          rmSync(join(root, "packages/a/output/results/fit.json"));
          write("packages/a/output/results/fit2.json", '{"accuracy":0.6}');
        },
      ],
      ["the lockfile", () => write("package-lock.json", '{"lockfileVersion":3,"x":1}')],
      [
        "the base path",
        () => {
          inputs.settings.base = "/sub/";
        },
      ],
    ];
    for (const [what, change] of changes) {
      change();
      const fingerprint = await figureFingerprint(inputs);
      expect(seen.has(fingerprint), what).toBe(false);
      seen.add(fingerprint);
    }
  });

  it("fails on a missing input rather than fingerprinting less", async () => {
    const inputs = fixture();
    rmSync(join(root, "packages/a/output"), { recursive: true });
    await expect(figureFingerprint(inputs)).rejects.toThrow(/ENOENT/);
  });

  it("covers every module the figure catalogs import, followed to the workspace packages", () => {
    const inputs = defaultInputs("/");
    const covered = (file: string) =>
      (file.startsWith(`${inputs.siteSource}/`) && !placesOnly(file)) ||
      inputs.folders.some((folder) => file.startsWith(`${folder}/`));
    const packageSource: Record<string, string> = {
      "@spotiflies/analysis": resolve(siteDir, "../../packages/analysis"),
      "@spotiflies/models": resolve(siteDir, "../../packages/models"),
    };
    // From the catalogs (which the registry finds with import.meta.glob) and the drawing helper, follows relative
    // and workspace imports through every module they reach.
    const pending = [join(inputs.siteSource, "figures/catalog"), join(inputs.siteSource, "figures/draw.ts")];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      if (!file.endsWith(".ts")) {
        for (const name of readdirSync(file)) pending.push(join(file, name));
        continue;
      }
      const source = readFileSync(file, "utf8");
      for (const [, specifier = ""] of source.matchAll(/\bfrom\s+["']([^"']+)["']/g)) {
        if (specifier.startsWith(".")) pending.push(resolve(dirname(file), specifier));
        const workspace = Object.keys(packageSource).find((name) => specifier.startsWith(name));
        if (workspace)
          pending.push(workspaceModule(packageSource[workspace] as string, specifier, workspace));
      }
    }
    const modules = [...seen].filter((file) => file.endsWith(".ts"));
    expect(modules.length).toBeGreaterThan(40);
    expect(modules.filter((file) => !covered(file)).map((file) => relative(siteDir, file))).toEqual([]);
  });
});

/** The source file a workspace import names, through the package's `exports`. */
function workspaceModule(packageDir: string, specifier: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
    exports: Record<string, string>;
  };
  const subpath = `.${specifier.slice(name.length)}`;
  const target = manifest.exports[subpath];
  if (!target) throw new Error(`${specifier}: not in ${name}'s exports`);
  return join(packageDir, target);
}

describe("drawFigure", () => {
  function counted(html: string): { spec: FigureSpec; draws: () => number } {
    let draws = 0;
    const spec: FigureSpec = {
      id: "test-figure",
      title: "Test",
      alt: "A test figure",
      render: () => {
        draws++;
        return html;
      },
      data: { columns: [], rows: [] },
    };
    return { spec, draws: () => draws };
  }

  it("draws every time without a cache setting (astro dev, the tests)", async () => {
    const { spec, draws } = counted("<svg>α</svg>");
    expect(await drawFigure(spec, undefined)).toBe("<svg>α</svg>");
    expect(await drawFigure(spec, undefined)).toBe("<svg>α</svg>");
    expect(draws()).toBe(2);
  });

  it("reads a drawing back under the same fingerprint and draws again under another", async () => {
    const { spec, draws } = counted("<svg>é – β</svg>");
    const setting: FigureCacheSetting = { dir: join(root, "cache"), fingerprint: "one" };
    const before = { ...figureCacheStats() };
    expect(await drawFigure(spec, setting)).toBe("<svg>é – β</svg>");
    expect(await drawFigure(spec, setting)).toBe("<svg>é – β</svg>");
    expect(draws()).toBe(1);
    expect(await drawFigure(spec, { ...setting, fingerprint: "two" })).toBe("<svg>é – β</svg>");
    expect(draws()).toBe(2);
    const after = figureCacheStats();
    expect([after.drawn - before.drawn, after.cached - before.cached]).toEqual([2, 1]);
  });

  it("counts each build's figures afresh after a reset", async () => {
    const { spec } = counted("<svg/>");
    await drawFigure(spec, undefined);
    resetFigureCacheStats();
    expect(figureCacheStats()).toEqual({ drawn: 0, cached: 0 });
    await drawFigure(spec, undefined);
    expect(figureCacheStats()).toEqual({ drawn: 1, cached: 0 });
  });

  it("draws again when the stored drawing is damaged", async () => {
    const { spec, draws } = counted("<svg>ok</svg>");
    const setting: FigureCacheSetting = { dir: join(root, "cache"), fingerprint: "one" };
    await drawFigure(spec, setting);
    const key = cacheKey(["figure", "one", spec.id]);
    const entry = join(setting.dir, key.slice(0, 2), key);
    const stored = readFileSync(entry);
    stored.writeUInt8(stored.readUInt8(stored.length - 2) ^ 1, stored.length - 2);
    writeFileSync(entry, stored);
    expect(await drawFigure(spec, setting)).toBe("<svg>ok</svg>");
    expect(draws()).toBe(2);
  });
});

describe("the built site's figures", () => {
  it("are exactly the figures drawn now, whether the build drew them or read them back", async () => {
    await ensureBuilt();
    const drawn = new Map<string, string>();
    for (const spec of allFigures()) drawn.set(spec.id, await drawFigure(spec, undefined));
    const found = new Set<string>();
    for (const page of builtPages()) {
      const html = readFileSync(join(distDir, page), "utf8");
      for (const [, id = ""] of html.matchAll(/<figure class="figure" id="figure-([a-z0-9-]+)"/g)) {
        // Astro writes a drawing into the page verbatim (set:html), so the page holds it byte for byte.
        expect(html.includes(`>${drawn.get(id)}</div>`), `${page}: figure ${id}`).toBe(true);
        found.add(id);
      }
    }
    expect([...drawn.keys()].filter((id) => !found.has(id))).toEqual([]);
  });

  it("name their clip paths after their figure, so no id repeats on a page and each reference finds its own", async () => {
    await ensureBuilt();
    let references = 0;
    for (const page of builtPages()) {
      const html = readFileSync(join(distDir, page), "utf8");
      const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map(([, id = ""]) => id);
      expect(
        ids.filter((id, index) => ids.indexOf(id) !== index),
        page,
      ).toEqual([]);
      for (const [, id = ""] of html.matchAll(/url\(#([^)]+)\)/g)) {
        expect(ids, `${page}: url(#${id})`).toContain(id);
        expect(id, page).not.toMatch(/^plot-/);
        references++;
      }
    }
    expect(references).toBeGreaterThan(0);
  });
});

describe("scopePlotIds", () => {
  it("renames Plot's process-wide numbered ids after the figure, numbered by first appearance", () => {
    const html =
      '<clipPath id="plot-clip-7"></clipPath><g clip-path="url(#plot-clip-7)"></g><marker id="plot-marker-3">' +
      '</marker><clipPath id="plot-clip-9"></clipPath><use href="#plot-clip-9"/><path marker-end="url(#plot-marker-3)"/>';
    expect(scopePlotIds(html, "pca-scree")).toBe(
      '<clipPath id="pca-scree-clip-1"></clipPath><g clip-path="url(#pca-scree-clip-1)"></g><marker id="pca-scree-marker-1">' +
        '</marker><clipPath id="pca-scree-clip-2"></clipPath><use href="#pca-scree-clip-2"/><path marker-end="url(#pca-scree-marker-1)"/>',
    );
    expect(scopePlotIds('<p class="plot-clip-note">plot-clip-1x</p>', "f")).toBe(
      '<p class="plot-clip-note">plot-clip-1x</p>',
    );
  });

  it("makes a figure's drawing the same however many figures the process drew before it", async () => {
    const pairs = allFigures().filter((spec) => spec.render().includes("plot-clip-"));
    expect(pairs.length).toBeGreaterThan(0);
    for (const spec of pairs) {
      const first = await drawFigure(spec, undefined);
      expect(await drawFigure(spec, undefined), spec.id).toBe(first);
    }
  });
});
