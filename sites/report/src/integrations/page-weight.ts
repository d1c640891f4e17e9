import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { AstroIntegration } from "astro";
import { measurePage, type PageWeight } from "./page-weight-measure.ts";

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`.padStart(10);
}

function line(label: string, weight: PageWeight, htmlGzip: number): string {
  return `${label.padEnd(44)} html ${kb(weight.html)} (gzip ${kb(htmlGzip)})  js ${kb(weight.js)}  css ${kb(weight.css)}`;
}

/** After `astro build`, prints each page's weight (HTML, JavaScript and CSS bytes it loads) and a total. */
export function pageWeight(): AstroIntegration {
  let base = "/";
  return {
    name: "spotiflies:page-weight",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base.endsWith("/") ? config.base : `${config.base}/`;
      },
      "astro:build:done": async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const files = await htmlFiles(outDir);
        const assetSize = async (path: string): Promise<number> => (await stat(join(outDir, path))).size;
        const total: PageWeight = { html: 0, js: 0, css: 0 };
        let totalGzip = 0;
        const lines: string[] = [];
        for (const file of files) {
          const bytes = await readFile(file);
          const weight = await measurePage(bytes.toString("utf8"), bytes.length, assetSize, base);
          const htmlGzip = gzipSync(bytes).length;
          lines.push(line(`/${relative(outDir, file)}`, weight, htmlGzip));
          total.html += weight.html;
          total.js += weight.js;
          total.css += weight.css;
          totalGzip += htmlGzip;
        }
        lines.push(line(`total (${files.length} pages)`, total, totalGzip));
        logger.info(`page weight\n${lines.join("\n")}`);
      },
    },
  };
}
