/**
 * Defers work until the page has finished loading and the main thread is idle, so that DuckDB's worker and
 * its downloads (≈ 15 MB) never compete with the page's first paint, its own resources or the `load` event.
 */

/** The longest wait for an idle moment after `load`: DuckDB still has to start within the 2 s budget. */
const IDLE_TIMEOUT_MS = 200;

/** Runs `task` once, after `load` and at the next idle moment; returns a function that cancels it. */
export function afterLoadWhenIdle(task: () => void): () => void {
  let cancelled = false;
  let idleHandle: number | undefined;
  const run = () => {
    if (cancelled) return;
    if (typeof requestIdleCallback === "function")
      idleHandle = requestIdleCallback(() => cancelled || task(), { timeout: IDLE_TIMEOUT_MS });
    else idleHandle = window.setTimeout(() => cancelled || task(), 0);
  };
  if (document.readyState === "complete") run();
  else window.addEventListener("load", run, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener("load", run);
    if (idleHandle !== undefined && typeof cancelIdleCallback === "function") cancelIdleCallback(idleHandle);
  };
}
