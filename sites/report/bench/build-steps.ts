/**
 * The steps of a site build and their seconds, read from its log (`astro build`'s own lines and the one-line
 * summary each of the site's integrations prints), whether the log comes straight from `astro build` or
 * through turbo (which prefixes each line with the task's name).
 */

export interface BuildStep {
  step: string;
  seconds: number;
}

/** Astro's and Vite's phase lines, in the order a build prints them. */
const PHASES: { step: string; line: RegExp }[] = [
  { step: "server build (pages' modules)", line: /\[build\] ✓ Completed in ([\d.]+)(m?s)\./ },
  {
    step: "client build (scripts)",
    line: /building client \(vite\)[\s\S]*?\[vite\] ✓ built in ([\d.]+)(m?s)/,
  },
  {
    step: "rendering pages",
    line: /generating static routes[\s\S]*?\n(?:\S+: )?\S+ ✓ Completed in ([\d.]+)(m?s)\./,
  },
];

/** An integration's summary line: `[spotiflies:name] … (1.2 s)` or `… in 1.2 s`. */
const INTEGRATION = /\[spotiflies:([\w-]+)\][^\n]*?(?:\(| in )([\d.]+) s\b/g;
/** Astro's total: `15 page(s) built in 32.64s` (from the end of start-up to the last integration). */
const TOTAL = /(\d+) page\(s\) built in ([\d.]+)(m?s)/;

function seconds(value: string, unit: string | undefined): number {
  return unit === "ms" ? Number(value) / 1000 : Number(value);
}

/** The server build's line is the first `[build] ✓ Completed` after "Building static entrypoints". */
function afterEntrypoints(log: string): string {
  const at = log.indexOf("Building static entrypoints");
  return at < 0 ? "" : log.slice(at);
}

/** The steps found in `log`, then Astro's total; a step the log does not show is left out. */
export function buildSteps(log: string): { steps: BuildStep[]; total?: number } {
  const steps: BuildStep[] = [];
  for (const { step, line } of PHASES) {
    const match = line.exec(step.startsWith("server") ? afterEntrypoints(log) : log);
    if (match) steps.push({ step, seconds: seconds(match[1] as string, match[2]) });
  }
  for (const match of log.matchAll(INTEGRATION)) {
    steps.push({ step: match[1] as string, seconds: Number(match[2]) });
  }
  const total = TOTAL.exec(log);
  return { steps, total: total ? seconds(total[2] as string, total[3]) : undefined };
}
