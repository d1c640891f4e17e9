import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";
import { downloads } from "./src/integrations/downloads.ts";
import { duckdbAssets } from "./src/integrations/duckdb-assets.ts";
import { figureCache } from "./src/integrations/figure-cache.ts";
import { offline } from "./src/integrations/offline.ts";
import { pageWeight } from "./src/integrations/page-weight.ts";
import { prebundle } from "./src/integrations/prebundle.ts";
import { precompress } from "./src/integrations/precompress.ts";
import { searchIndex } from "./src/integrations/search-index.ts";
import { workspaceImportMetaUrl } from "./src/integrations/workspace-import-meta-url.ts";
import { normaliseBase } from "./src/site/base-path.ts";

/** Serve the report under a sub-path by setting REPORT_BASE (e.g. REPORT_BASE=/spotiflies/). */
const base = normaliseBase(process.env.REPORT_BASE);

export default defineConfig({
  output: "static",
  base,
  trailingSlash: "ignore",
  build: { format: "directory", inlineStylesheets: "auto" },
  // No prefetch script, no dev toolbar in builds, no image service: pages ship no JavaScript but the theme's.
  prefetch: false,
  devToolbar: { enabled: false },
  // offline (the service worker, named by a hash of the build) comes after every integration that writes
  // files and before precompress, which comes last: it compresses what the others wrote.
  integrations: [
    mdx(),
    prebundle(),
    figureCache(),
    duckdbAssets(),
    downloads(),
    pageWeight(),
    searchIndex(),
    offline(),
    precompress(),
  ],
  markdown: { smartypants: true },
  vite: {
    plugins: [workspaceImportMetaUrl(new URL("../../packages/", import.meta.url))],
  },
});
