import { rmSync } from "node:fs";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Removes `path` if an interrupt (Ctrl-C, SIGTERM, SIGHUP) ends the process before the returned function is
 * called, then lets the signal end the process as it asks. Other listeners of the same signal still run: each
 * re-raises the signal after removing itself, and it ends the process once none is left.
 */
export function removeOnInterrupt(path: string): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    rmSync(path, { recursive: true, force: true });
    release();
    process.kill(process.pid, signal);
  };
  const release = () => {
    for (const s of SIGNALS) process.off(s, onSignal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return release;
}
