import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";
import { secondsSince } from "./elapsed.ts";

/** Where the index is written inside the built site (the search page loads `pagefind.js` from here). */
export const SEARCH_INDEX_DIR = "pagefind";

/**
 * After `astro build`, indexes the built pages with Pagefind (Rust, run through its Node API) into
 * dist/pagefind/: the main content of every page that carries `data-pagefind-body` — chapters with their
 * headings, figure captions and tables, not the navigation or the figures' drawn text. The index is static
 * files served with the site, so search needs no server and no other origin. Pagefind does what the report
 * needs (word stemming, sub-page results by heading, chunked loading of a few kB per query) and is kept by
 * CloudCannon; writing our own would buy nothing.
 */
export function searchIndex(): AstroIntegration {
  return {
    name: "spotiflies:search-index",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const started = performance.now();
        const site = fileURLToPath(dir);
        const { index, errors: createErrors } = await pagefind.createIndex({});
        try {
          if (!index) throw new Error(`Pagefind could not start: ${createErrors.join("; ")}`);
          const added = await index.addDirectory({ path: site });
          if (added.errors.length > 0)
            throw new Error(`Pagefind could not index ${site}: ${added.errors.join("; ")}`);
          if (added.page_count === 0)
            throw new Error(`Pagefind found no page with data-pagefind-body in ${site}`);
          const written = await index.writeFiles({ outputPath: join(site, SEARCH_INDEX_DIR) });
          if (written.errors.length > 0)
            throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
          // The search page has its own results list; Pagefind's ready-made interfaces would only be dead weight.
          const bundle = join(site, SEARCH_INDEX_DIR);
          for (const name of await readdir(bundle)) {
            if (/^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$/.test(name))
              await rm(join(bundle, name));
          }
          const seconds = secondsSince(started);
          logger.info(`search index: ${added.page_count} pages read → ${SEARCH_INDEX_DIR}/ in ${seconds} s`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
