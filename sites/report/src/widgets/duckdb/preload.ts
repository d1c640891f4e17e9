/**
 * Starts DuckDB early, but only for pages whose widgets a reader is about to use: when a widget comes
 * within a couple of screens of the viewport, or as soon as it is focused or pointed at. This module is
 * small and safe to bundle into a page's first script; DuckDB itself (≈ 7 MB) is fetched only from here.
 */
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

/** Starts DuckDB when `element` nears the viewport or is interacted with, whichever comes first. */
export function preloadWhenNear(element: Element): void {
  if (started) return;
  const triggers = ["focusin", "pointerenter", "pointerdown", "touchstart"] as const;
  let observer: IntersectionObserver | undefined;
  const fire = () => {
    observer?.disconnect();
    for (const type of triggers) element.removeEventListener(type, fire);
    preloadNow();
  };
  for (const type of triggers) element.addEventListener(type, fire, { once: true, passive: true });
  if (typeof IntersectionObserver === "function") {
    observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && fire(), {
      rootMargin: AHEAD,
    });
    observer.observe(element);
  }
}
