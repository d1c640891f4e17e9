// Lighthouse 12's mobile performance score for /explore/ (its default: a throttled mid-range phone, simulated),
// against the built site served as `npm run preview` serves it, in Debian's Chromium. Part of `npm run bench`.
//   npx tsx bench/lighthouse.bench.ts [--dist <built site>]   (BENCH_RUNS=3 by default)
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { serveSite } from "../src/serve/static-server.ts";
import { CHROMIUM, chromiumAvailable } from "../test/support/browser.ts";
import { distDir, ensureBuilt, expectedBase } from "../test/support/site.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** The audits printed beside the score, by Lighthouse's ids. */
const METRICS = [
  "first-contentful-paint",
  "largest-contentful-paint",
  "total-blocking-time",
  "cumulative-layout-shift",
  "speed-index",
] as const;

const { values } = parseArgs({ options: { dist: { type: "string" } } });
if (!chromiumAvailable)
  throw new Error(`Lighthouse needs Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
if (!values.dist) await ensureBuilt();
const site = await serveSite(values.dist ?? distDir, expectedBase);
try {
  for (let run = 1; run <= RUNS; run++) {
    // A fresh browser (and profile) per run, so each run is a cold visit.
    const chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM,
      chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
    });
    try {
      const result = await lighthouse(`${site.url}explore/`, {
        port: chrome.port,
        onlyCategories: ["performance"],
        logLevel: "error",
        output: "json",
      });
      if (!result) throw new Error("Lighthouse returned no result");
      const { lhr } = result;
      const score = Math.round((lhr.categories.performance?.score ?? 0) * 100);
      const metrics = METRICS.map((id) => `${id} ${lhr.audits[id]?.displayValue ?? "?"}`).join(", ");
      console.log(
        `Lighthouse ${lhr.lighthouseVersion} mobile performance, /explore/, run ${run}: ${score} (${metrics})`,
      );
      // Where the blocking time comes from: the longest main-thread tasks, by script.
      const tasks = (lhr.audits["long-tasks"]?.details as { items?: { url?: string; duration?: number }[] })
        ?.items;
      for (const task of (tasks ?? []).slice(0, 5))
        console.log(`  long task ${Math.round(task.duration ?? 0)} ms  ${task.url ?? "?"}`);
    } finally {
      chrome.kill();
    }
  }
} finally {
  await site.close();
}
