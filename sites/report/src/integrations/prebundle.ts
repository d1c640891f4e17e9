/**
 * The widgets' two largest dependencies, Observable Plot (with the d3 modules it imports) and Apache Arrow,
 * handed to the client build as one ES module each instead of the 250-odd modules they ship as. Rollup
 * resolves, parses and tree-shakes every module of a build, on every build, although these change only
 * with the lockfile: esbuild bundles each into a single module (0.3–0.5 s), the build cache keeps the result,
 * and Rollup then handles 70 modules instead of 323. Measured in four alternating pairs of `astro build` on
 * 2 cores: the client build took 2.9–3.8 s against 3.6–4.8 s.
 *
 * Plot's bundle holds only what the browser draws with (widgets/plot-marks.ts, its entry): esbuild drops the
 * rest, so the page downloads 85 kB (gzipped) of Plot instead of 130 kB, and Rollup analyses 246 kB instead
 * of 383 kB in every client build (five alternating pairs on 2 cores: 3.1–3.8 s → 2.5–3.3 s). Arrow's bundle
 * has every export of the package.
 *
 * Only the client build (the pages' scripts) is affected: the server build, which renders the figures with
 * Plot in Node, and `astro dev` resolve the packages as before.
 *
 * The price: Rollup can drop unused modules of a package, but within one module only statements it can
 * prove free of side effects, so the widgets' DuckDB chunk carries 20.6 kB (5.2 kB gzipped) more of Arrow
 * than before, loaded with DuckDB's 6.4 MB.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { type BuildOptions, build, version as esbuildVersion } from "esbuild";
import { BuildCache } from "./build-cache.ts";

/** The packages the client build receives prebundled. */
export const PREBUNDLED = ["@observablehq/plot", "apache-arrow"] as const;

/** The module ID a prebundled package resolves to (`\0`: a virtual module, as Rollup's convention has it). */
const PREFIX = "\0spotiflies-prebundled:";

/**
 * The repository's lockfile: it pins every installed version (with its integrity hash), so a bundle made
 * from the same lockfile is made from the same files. Without one, nothing is cached.
 */
const LOCKFILE = new URL("../../../../package-lock.json", import.meta.url);
/** This module's own source: an edit to how the bundles are made makes them again. */
const THIS_MODULE = new URL(import.meta.url);

/** esbuild's settings, as Vite resolves the packages for the browser. */
const OPTIONS: BuildOptions = {
  bundle: true,
  write: false,
  format: "esm",
  platform: "browser",
  target: "es2022",
  conditions: ["browser", "import", "module", "default"],
  mainFields: ["browser", "module", "main"],
  legalComments: "inline",
  logLevel: "silent",
};

/**
 * The module a package's bundle is made from, where it is not the whole package: a site module that re-exports
 * the part of the package the browser uses (and whose type the code using it takes).
 */
export const BUNDLE_ENTRIES: Partial<Record<(typeof PREBUNDLED)[number], URL>> = {
  "@observablehq/plot": new URL("../widgets/plot-marks.ts", import.meta.url),
};

/** The source esbuild bundles for a package: its entry module's, or a re-export of every export. */
export async function bundleEntry(name: string): Promise<{ contents: string; loader: "ts" | "js" }> {
  const entry = BUNDLE_ENTRIES[name as (typeof PREBUNDLED)[number]];
  if (entry) return { contents: await readFile(entry, "utf8"), loader: "ts" };
  return { contents: `export * from ${JSON.stringify(name)};`, loader: "js" };
}

/**
 * One package as a single ES module, resolved from `resolveDir`: the exports its entry names (BUNDLE_ENTRIES),
 * or all of the package's.
 */
export async function bundlePackage(name: string, resolveDir: string): Promise<string> {
  const result = await build({
    ...OPTIONS,
    stdin: {
      ...(await bundleEntry(name)),
      resolveDir,
      sourcefile: `${name}.prebundled.js`,
    },
    // Each package is its own module: another prebundled package it imports stays an import of that one.
    external: PREBUNDLED.filter((other) => other !== name),
  });
  const [output] = result.outputFiles ?? [];
  if (!output) throw new Error(`esbuild made no bundle of ${name}`);
  return output.text;
}

/**
 * What every bundle's build-cache key shares (see LOCKFILE), read once per build; undefined (no caching) where
 * there is no lockfile.
 */
async function sharedKeyParts(): Promise<string[] | undefined> {
  const lockfile = await readFile(LOCKFILE, "utf8").catch(() => undefined);
  if (lockfile === undefined) return undefined;
  const code = await readFile(THIS_MODULE, "utf8");
  return ["prebundle", esbuildVersion, JSON.stringify(OPTIONS), code, lockfile];
}

export interface PrebundleOptions {
  cache?: BuildCache;
  /** Makes a package's bundle (by default esbuild, above); injected in tests. */
  bundle?: (name: string, resolveDir: string) => Promise<string>;
}

/** What the client build's plugin did, for the integration's summary line. */
export interface Made {
  name: string;
  fromCache: boolean;
  /** From the first request of the package to its bundle's being ready. */
  seconds: number;
}

/** The plugin's hooks, typed as they are called (the tests call them directly). */
type PrebundlePlugin = {
  name: string;
  apply: "build";
  enforce: "pre";
  resolveId(id: string, importer: string | undefined, options?: { ssr?: boolean }): string | null;
  load(id: string): Promise<string> | null;
};

/** The Vite plugin: in the client build, each package in PREBUNDLED resolves to its bundle. */
export function prebundlePlugin(
  resolveDir: string,
  options: PrebundleOptions = {},
  made: Made[] = [],
): PrebundlePlugin {
  const cache = options.cache ?? new BuildCache();
  const bundle = options.bundle ?? bundlePackage;
  const bundles = new Map<string, Promise<string>>();
  let shared: Promise<string[] | undefined> | undefined;
  const make = async (name: string) => {
    const started = performance.now();
    shared ??= sharedKeyParts();
    const keyParts = await shared;
    const makeBytes = async () => Buffer.from(await bundle(name, resolveDir), "utf8");
    // The entry's source is part of the key: a function added to plot-marks.ts makes Plot's bundle again.
    const result =
      keyParts === undefined
        ? { bytes: await makeBytes(), hit: false }
        : await cache.getOrMake([...keyParts, name, (await bundleEntry(name)).contents], makeBytes);
    made.push({ name, fromCache: result.hit, seconds: (performance.now() - started) / 1000 });
    return Buffer.from(result.bytes).toString("utf8");
  };
  return {
    name: "spotiflies:prebundle",
    apply: "build",
    enforce: "pre",
    resolveId(id, _importer, resolveOptions) {
      if (resolveOptions?.ssr || !(PREBUNDLED as readonly string[]).includes(id)) return null;
      return `${PREFIX}${id}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = id.slice(PREFIX.length);
      let pending = bundles.get(name);
      if (!pending) {
        pending = make(name);
        bundles.set(name, pending);
      }
      return pending;
    },
  };
}

/** The integration: adds the plugin and says, once the build is done, what it bundled and what came from the cache. */
export function prebundle(options: PrebundleOptions = {}): AstroIntegration {
  const made: Made[] = [];
  return {
    name: "spotiflies:prebundle",
    hooks: {
      "astro:config:setup": ({ config, updateConfig }) => {
        const plugin = prebundlePlugin(fileURLToPath(config.root), options, made);
        updateConfig({ vite: { plugins: [plugin as never] } });
      },
      "astro:build:done": ({ logger }) => {
        if (made.length === 0) return;
        const cached = made.filter((entry) => entry.fromCache).length;
        // The bundles are made side by side while Rollup goes on with other modules: the longest is their cost.
        const seconds = Math.max(...made.map((entry) => entry.seconds));
        logger.info(
          `${made.map((entry) => entry.name).join(", ")} as one module each for the client build, ` +
            `${cached} of ${made.length} from the build cache (${seconds.toFixed(1)} s)`,
        );
      },
    },
  };
}
