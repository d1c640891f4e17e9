import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { AstroIntegration } from "astro";
import { normaliseBase } from "../site/base-path.ts";
import { secondsSince } from "./elapsed.ts";
import { initialJs } from "./initial-js.ts";
import { measurePage, type PageWeight } from "./page-weight-measure.ts";

/** The budget for the JavaScript a page ships before any widget is used. */
export const INITIAL_JS_BUDGET_GZIP = 100 * 1024;

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

function line(label: string, weight: PageWeight, htmlGzip: number, jsBeforeUseGzip: number): string {
  return (
    `${label.padEnd(44)} html ${kb(weight.html)} (gzip ${kb(htmlGzip)})  js ${kb(weight.js)}  css ${kb(weight.css)}` +
    `  js before use (gzip) ${kb(jsBeforeUseGzip)}`
  );
}

/**
 * After `astro build`, prints each page's weight (HTML, JavaScript and CSS bytes it loads) and a total, with
 * the JavaScript a page runs before any widget is used (its scripts and their static imports, gzipped); a
 * page over the 100 KB budget is reported as a warning (the tests fail on it).
 */
export function pageWeight(): AstroIntegration {
  let base = "/";
  return {
    name: "spotiflies:page-weight",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = normaliseBase(config.base);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        const files = await htmlFiles(outDir);
        const assetSize = async (path: string): Promise<number> => (await stat(join(outDir, path))).size;
        const assetText = (path: string): Promise<string> => readFile(join(outDir, path), "utf8");
        const total: PageWeight = { html: 0, js: 0, css: 0 };
        let totalGzip = 0;
        let totalBeforeUse = 0;
        const lines: string[] = [];
        const overBudget: string[] = [];
        for (const file of files) {
          const bytes = await readFile(file);
          const html = bytes.toString("utf8");
          const weight = await measurePage(html, bytes.length, assetSize, base);
          const htmlGzip = gzipSync(bytes).length;
          const beforeUse = (await initialJs(html, assetText, base)).gzipBytes;
          const label = `/${relative(outDir, file)}`;
          lines.push(line(label, weight, htmlGzip, beforeUse));
          if (beforeUse > INITIAL_JS_BUDGET_GZIP) overBudget.push(`${label} (${kb(beforeUse).trim()})`);
          total.html += weight.html;
          total.js += weight.js;
          total.css += weight.css;
          totalGzip += htmlGzip;
          totalBeforeUse += beforeUse;
        }
        lines.push(line(`total (${files.length} pages)`, total, totalGzip, totalBeforeUse));
        const seconds = secondsSince(started);
        logger.info(`page weight (${seconds} s)\n${lines.join("\n")}`);
        if (overBudget.length > 0) {
          logger.warn(
            `JavaScript before any widget is used exceeds 100 KB gzipped on ${overBudget.join(", ")}`,
          );
        }
      },
    },
  };
}
