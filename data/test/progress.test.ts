import { describe, expect, it } from "vitest";
import { downloadProgressLogger } from "../src/progress.ts";

const MiB = 1024 * 1024;

function collect(everyBytes?: number) {
  const lines: string[] = [];
  const report = downloadProgressLogger((line) => lines.push(line), everyBytes);
  return { lines, report };
}

describe("downloadProgressLogger", () => {
  it("writes one line per 2 MiB by default, plus the final one at the total", () => {
    const { lines, report } = collect();
    for (const mib of [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5])
      report({ received: mib * MiB, total: 5 * MiB, seconds: 0 });
    expect(lines).toEqual([
      "downloading: 2.0 / 5.0 MiB (40 %)",
      "downloading: 4.0 / 5.0 MiB (80 %)",
      "downloading: 5.0 / 5.0 MiB (100 %)",
    ]);
  });

  it("stays quiet below the first threshold", () => {
    const { lines, report } = collect();
    for (let received = 64 * 1024; received < 2 * MiB; received += 64 * 1024) {
      report({ received, total: 20 * MiB, seconds: 0 });
    }
    expect(lines).toEqual([]);
  });

  it("counts the next threshold from the last report, not from a fixed grid", () => {
    const { lines, report } = collect(100);
    for (const received of [30, 60, 90, 120, 150, 180, 210, 240])
      report({ received, total: 250, seconds: 0 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("(48 %)");
    expect(lines[1]).toContain("(96 %)");
  });

  it("throttles many small chunks to about total / everyBytes lines", () => {
    const { lines, report } = collect();
    const total = 20 * MiB;
    for (let received = 16 * 1024; received <= total; received += 16 * 1024)
      report({ received, total, seconds: 0 });
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toBe("downloading: 20.0 / 20.0 MiB (100 %)");
  });

  it("reports a body that arrives in one piece exactly once", () => {
    const { lines, report } = collect();
    report({ received: 300, total: 300, seconds: 0 });
    expect(lines).toEqual(["downloading: 0.0 / 0.0 MiB (100 %)"]);
  });

  it("reports sizes only when the total is unknown", () => {
    const { lines, report } = collect();
    for (const mib of [1, 2, 3, 4.25]) report({ received: mib * MiB, total: undefined, seconds: 0 });
    expect(lines).toEqual(["downloading: 2.0 MiB", "downloading: 4.3 MiB"]);
  });

  it("adds the mean rate once time has passed", () => {
    const { lines, report } = collect();
    report({ received: 2 * MiB, total: 8 * MiB, seconds: 0.5 });
    report({ received: 8 * MiB, total: 8 * MiB, seconds: 4 });
    expect(lines).toEqual([
      "downloading: 2.0 / 8.0 MiB (25 %), 4.0 MiB/s",
      "downloading: 8.0 / 8.0 MiB (100 %), 2.0 MiB/s",
    ]);
  });

  it("keeps independent state per logger", () => {
    const a = collect(10);
    const b = collect(10);
    a.report({ received: 10, total: 100, seconds: 0 });
    b.report({ received: 5, total: 100, seconds: 0 });
    expect(a.lines).toHaveLength(1);
    expect(b.lines).toHaveLength(0);
  });
});
