/**
 * Lets `astro build` read back the figures an earlier build drew from the same code and results
 * (figures/draw.ts): after a chapter edit every figure comes from the build cache instead of being drawn again.
 *
 * The fingerprint covers everything a drawing can depend on, erring on the side of missing:
 * - every file of the site's src/ except chapters (.mdx), pages, components and layouts (.astro) and
 *   stylesheets (.css), which place a figure's HTML on a page but never reach into its drawing: the figure
 *   catalogs, the chart kinds, the renderer, the facts and result readers they use, and the rest;
 * - the workspace packages' sources and package.json (the result schemas and readers) and their results;
 * - the lockfile (Plot, linkedom and every other installed version), Node's version, the site's base path and
 *   the Astro config.
 * Only `astro build` uses it: `astro dev` edits code under a running server, so it always draws.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analysisOutputDir } from "@spotiflies/analysis/results";
import { modelsOutputDir } from "@spotiflies/models/results";
import type { AstroIntegration } from "astro";
import { figureCacheStats, resetFigureCacheStats } from "../figures/draw.ts";
import { normaliseBase } from "../site/base-path.ts";
import { BuildCache, cacheKey, DEFAULT_CACHE_DIR, type KeyPart } from "./build-cache.ts";
import { filesBelow } from "./files-below.ts";

const siteDir = fileURLToPath(new URL("../../", import.meta.url));
const repoRoot = join(siteDir, "../..");

/** What the fingerprint reads: folders (every file below) and single files. */
export interface FingerprintInputs {
  /** The site's src/: every file below except those `placesOnly` matches. */
  siteSource: string;
  /** Folders read whole: the workspace packages' sources and results. */
  folders: string[];
  /** Single files: the lockfile, the packages' package.json, the Astro config. */
  files: string[];
  /** Settings that change a build's output without a file changing. */
  settings: Record<string, string>;
}

/** Files that place a figure on a page but cannot change how it is drawn. */
export function placesOnly(path: string): boolean {
  return /\.(mdx|astro|css)$/.test(path);
}

export function defaultInputs(base: string): FingerprintInputs {
  return {
    siteSource: join(siteDir, "src"),
    folders: [
      join(repoRoot, "packages/analysis/src"),
      join(repoRoot, "packages/models/src"),
      join(analysisOutputDir, "results"),
      join(modelsOutputDir, "results"),
    ],
    files: [
      join(repoRoot, "package-lock.json"),
      join(repoRoot, "packages/analysis/package.json"),
      join(repoRoot, "packages/models/package.json"),
      join(siteDir, "package.json"),
      join(siteDir, "astro.config.ts"),
    ],
    settings: { node: process.version, base },
  };
}

/** A SHA-256 over every input's name and bytes, and the settings; a missing folder or file is an error. */
export async function figureFingerprint(inputs: FingerprintInputs): Promise<string> {
  const named: { name: string; path: string }[] = [];
  const site = (await filesBelow(inputs.siteSource)).filter((file) => !placesOnly(file));
  for (const file of site) named.push({ name: `site:${file}`, path: join(inputs.siteSource, file) });
  for (const [index, folder] of inputs.folders.entries())
    for (const file of await filesBelow(folder))
      named.push({ name: `folder${index}:${file}`, path: join(folder, file) });
  for (const [index, file] of inputs.files.entries()) named.push({ name: `file${index}`, path: file });
  const contents = await Promise.all(named.map(({ path }) => readFile(path)));
  const parts: KeyPart[] = ["figure-fingerprint"];
  for (const [index, { name }] of named.entries()) parts.push(name, contents[index] as Buffer);
  for (const [name, value] of Object.entries(inputs.settings).sort()) parts.push(`${name}=${value}`);
  return cacheKey(parts);
}

export function figureCache(cache = new BuildCache(DEFAULT_CACHE_DIR)): AstroIntegration {
  return {
    name: "spotiflies:figure-cache",
    hooks: {
      "astro:config:setup": async ({ command, config, updateConfig, logger }) => {
        if (command !== "build") return;
        let fingerprint: string;
        try {
          fingerprint = await figureFingerprint(defaultInputs(normaliseBase(config.base)));
        } catch (error) {
          // A missing input (results not built yet) fails the build later, where the result readers say what to
          // do; here it only means nothing can be read back.
          logger.warn(`figures are drawn without the build cache: ${(error as Error).message}`);
          return;
        }
        const setting = { dir: cache.dir, fingerprint };
        updateConfig({ vite: { define: { "import.meta.env.FIGURE_CACHE": JSON.stringify(setting) } } });
      },
      "astro:build:start": () => {
        resetFigureCacheStats();
      },
      "astro:build:done": ({ logger }) => {
        const { drawn, cached } = figureCacheStats();
        logger.info(`figures: ${cached} of ${drawn + cached} read from the build cache, ${drawn} drawn`);
      },
    },
  };
}
