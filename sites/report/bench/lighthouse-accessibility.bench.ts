// Lighthouse 12's accessibility score for every built page, with the mobile and the desktop preset, in Debian's
// Chromium, against the site served as `npm run preview` serves it. Part of `npm run bench`; the tests' own
// accessibility check is axe-core (test/accessibility.test.ts), which Lighthouse's audits are built on.
//   npx tsx bench/lighthouse-accessibility.bench.ts [--dist <built site>]
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { serveSite } from "../src/serve/static-server.ts";
import { CHROMIUM, chromiumAvailable } from "../test/support/browser.ts";
import { distDir, ensureBuilt, expectedBase } from "../test/support/site.ts";

/** Lighthouse's desktop preset (its `desktopConfig`'s settings), rather than the default throttled phone. */
const DESKTOP = {
  formFactor: "desktop",
  screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
} as const;

const { values } = parseArgs({ options: { dist: { type: "string" } } });
if (!chromiumAvailable)
  throw new Error(`Lighthouse needs Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
if (!values.dist) await ensureBuilt();
const root = values.dist ?? distDir;
/** Every page the site builds: the front page, the top-level pages and each chapter. */
const pages = [
  "",
  ...readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(join(root, entry.name)).includes("index.html"))
    .map((entry) => `${entry.name}/`),
  ...readdirSync(join(root, "chapters")).map((chapter) => `chapters/${chapter}/`),
].sort();

const site = await serveSite(root, expectedBase);
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
const below: string[] = [];
try {
  for (const page of pages) {
    for (const preset of ["mobile", "desktop"] as const) {
      const result = await lighthouse(`${site.url}${page}`, {
        port: chrome.port,
        onlyCategories: ["accessibility"],
        logLevel: "error",
        output: "json",
        ...(preset === "desktop" ? DESKTOP : {}),
      });
      if (!result) throw new Error(`Lighthouse returned no result for /${page}`);
      const { lhr } = result;
      const score = Math.round((lhr.categories.accessibility?.score ?? 0) * 100);
      const failing = Object.values(lhr.audits)
        .filter((audit) => audit.scoreDisplayMode === "binary" && audit.score !== null && audit.score < 1)
        .map((audit) => audit.id);
      if (score < 100) below.push(`/${page} (${preset})`);
      console.log(
        `Lighthouse ${lhr.lighthouseVersion} accessibility, ${preset}, /${page}: ${score}` +
          (failing.length ? ` (failing: ${failing.join(", ")})` : ""),
      );
    }
  }
  console.log(
    below.length
      ? `accessibility below 100 on ${below.length} of ${pages.length * 2}: ${below.join(", ")}`
      : `accessibility 100 on all ${pages.length} pages with both presets`,
  );
} finally {
  chrome.kill();
  await site.close();
}
