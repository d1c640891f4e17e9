import type { FigureSpec } from "./types.ts";

/**
 * Every figure on the site, from the catalog modules in ./catalog/ (one per chapter). Each module
 * exports `figures(): FigureSpec[]`; adding a module adds its figures and their data downloads.
 */
const catalogs = import.meta.glob<{ figures: () => FigureSpec[] }>("./catalog/*.ts", { eager: true });

let cache: Map<string, FigureSpec> | undefined;

function load(): Map<string, FigureSpec> {
  const byId = new Map<string, FigureSpec>();
  for (const [path, catalog] of Object.entries(catalogs)) {
    for (const spec of catalog.figures()) {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(spec.id))
        throw new Error(`${path}: figure id "${spec.id}" is not URL-safe.`);
      if (byId.has(spec.id)) throw new Error(`${path}: figure id "${spec.id}" is used twice.`);
      byId.set(spec.id, spec);
    }
  }
  return byId;
}

export function allFigures(): FigureSpec[] {
  cache ??= load();
  return [...cache.values()];
}

export function figure(id: string): FigureSpec {
  cache ??= load();
  const spec = cache.get(id);
  if (!spec) throw new Error(`No figure "${id}" in src/figures/catalog/.`);
  return spec;
}
