import type { PipelineSummary } from "./pipeline.ts";

const format = (n: number) => n.toLocaleString("en-US");

/** The build's last line: rows in and kept, what was written, and the time of each stage. */
export function summaryLine(summary: PipelineSummary): string {
  const stages = summary.stages.map((s) => `${s.stage} ${s.seconds.toFixed(2)} s`).join(" · ");
  return (
    `analysis: ${format(summary.rowsIn)} rows → ${format(summary.rowsKept)} kept; ` +
    `${summary.results.length} results + cleaned.parquet in ${summary.totalSeconds.toFixed(2)} s (${stages})`
  );
}
