import type { DownloadProgress } from "./download.ts";

const MiB = 1024 * 1024;

/** A download progress reporter that writes at most one line per `everyBytes` received. */
export function downloadProgressLogger(log: (line: string) => void, everyBytes = 2 * MiB) {
  let nextReport = everyBytes;
  return ({ received, total, seconds }: DownloadProgress) => {
    if (received < nextReport && received !== total) return;
    nextReport = received + everyBytes;
    const done = (received / MiB).toFixed(1);
    const of = total
      ? ` / ${(total / MiB).toFixed(1)} MiB (${Math.round((100 * received) / total)} %)`
      : " MiB";
    const rate = seconds > 0 ? `, ${(received / MiB / seconds).toFixed(1)} MiB/s` : "";
    log(`downloading: ${done}${of}${rate}`);
  };
}
