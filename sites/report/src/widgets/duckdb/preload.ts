/**
 * Starts DuckDB early, but only for pages whose widgets a reader is about to use, and never while the page
 * itself loads: when a widget comes within a couple of screens of the viewport, DuckDB starts once the page
 * has loaded and the main thread is idle; as soon as a widget is focused or pointed at, it starts at once.
 * This module is small and safe to bundle into a page's first script; DuckDB itself (≈ 7 MB gzipped, and
 * the database) is fetched only from here.
 */
import { afterLoadWhenIdle } from "./idle.ts";
import { prestartDuckdb } from "./worker-start.ts";

/** How far ahead of the viewport to start: DuckDB takes about 2 s to start, roughly two screens of scrolling. */
const AHEAD = "200% 0px";

let started = false;

/** Starts the shared database once per page; failures surface later, in the widget that awaits it. */
export function preloadNow(): void {
  if (started) return;
  started = true;
  // The worker and the downloads need none of DuckDB-WASM's page-side JavaScript, so they start now,
  // while that JavaScript is still being fetched.
  prestartDuckdb();
  import("./client.ts").then(
    (client) => client.openTracksDatabase().catch(() => undefined),
    () => undefined,
  );
}

/**
 * Starts DuckDB when `element` is interacted with, or at the first idle moment after `load` once it nears
 * the viewport, whichever comes first.
 */
export function preloadWhenNear(element: Element): void {
  if (started) return;
  const triggers = ["focusin", "pointerenter", "pointerdown", "touchstart"] as const;
  let observer: IntersectionObserver | undefined;
  let cancelIdle: (() => void) | undefined;
  const fire = () => {
    observer?.disconnect();
    cancelIdle?.();
    for (const type of triggers) element.removeEventListener(type, fire);
    preloadNow();
  };
  for (const type of triggers) element.addEventListener(type, fire, { once: true, passive: true });
  if (typeof IntersectionObserver === "function") {
    observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting) || cancelIdle) return;
        observer?.disconnect();
        cancelIdle = afterLoadWhenIdle(fire);
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
  }
}
