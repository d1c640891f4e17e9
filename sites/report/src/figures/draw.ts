/**
 * Draws a figure for a page, or reads back the drawing an earlier build made from the same code and results.
 * Drawing the 59 figures (Plot on a linkedom document, then the SVG clean-up in render.ts) is most of the
 * time `astro build` spends rendering pages, and after a chapter edit — the common rebuild — not one of them
 * has changed.
 *
 * What a drawing depends on is summed up in one fingerprint (integrations/figure-cache.ts: every module of the
 * site's src/ that is not a page, chapter, component or stylesheet; the workspace packages' sources and results;
 * the lockfile), computed once per `astro build` and handed to the server build as `import.meta.env.FIGURE_CACHE`.
 * A figure's key is that fingerprint and its id, so any change to code or data misses and draws afresh.
 * Without the setting — `astro dev`, the tests — every figure is drawn.
 */
import { BuildCache, cacheKey } from "../integrations/build-cache.ts";
import { scopePlotIds } from "./render.ts";
import type { FigureSpec } from "./types.ts";

/** Where drawings are kept, and the fingerprint of everything they depend on. */
export interface FigureCacheSetting {
  dir: string;
  fingerprint: string;
}

/** How many figures this process drew and read back: the integration logs it after the build. */
export interface FigureCacheStats {
  drawn: number;
  cached: number;
}

/**
 * The counts live on `globalThis` under a registered symbol because the server build's bundled copy of this
 * module and the integration's copy are two module instances in one process.
 */
const STATS = Symbol.for("spotiflies:figure-cache-stats");

export function figureCacheStats(): FigureCacheStats {
  const holder = globalThis as { [STATS]?: FigureCacheStats };
  holder[STATS] ??= { drawn: 0, cached: 0 };
  return holder[STATS];
}

/** Starts the counts afresh: each build reports its own figures, not a running total of the process's builds. */
export function resetFigureCacheStats(): void {
  Object.assign(figureCacheStats(), { drawn: 0, cached: 0 });
}

/** Vite replaces `import.meta.env.FIGURE_CACHE` in `astro build` only; elsewhere it is undefined. */
function settingFromBuild(): FigureCacheSetting | undefined {
  const value = (import.meta as { env?: Record<string, unknown> }).env?.FIGURE_CACHE;
  return typeof value === "object" && value !== null ? (value as FigureCacheSetting) : undefined;
}

const caches = new Map<string, BuildCache>();

/**
 * The figure's HTML (its SVG, or a legend and SVG) with its ids named after it (render.ts, scopePlotIds), from the
 * build cache when the same drawing is there.
 */
export async function drawFigure(
  spec: FigureSpec,
  setting: FigureCacheSetting | undefined = settingFromBuild(),
): Promise<string> {
  const stats = figureCacheStats();
  const draw = () => {
    stats.drawn++;
    return scopePlotIds(spec.render(), spec.id);
  };
  if (!setting) return draw();
  const cache = caches.get(setting.dir) ?? new BuildCache(setting.dir);
  caches.set(setting.dir, cache);
  const key = cacheKey(["figure", setting.fingerprint, spec.id]);
  const stored = await cache.get(key);
  if (stored !== undefined) {
    stats.cached++;
    return stored.toString("utf8");
  }
  const html = draw();
  // The cache only makes builds faster: an entry that cannot be stored is drawn again next time.
  await cache.put(key, Buffer.from(html, "utf8")).catch(() => undefined);
  return html;
}
