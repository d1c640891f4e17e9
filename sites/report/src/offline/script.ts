/**
 * The text of `sw.js`: the worker (service-worker.ts) and its rules (rules.ts) as source text, called with
 * the build's settings. Written this way, like DuckDB's worker prelude (integrations/duckdb-worker.ts), the
 * worker needs no bundler of its own, and the code that runs is the code the unit tests run.
 */
import { cacheable, cacheName, cachingRule } from "./rules.ts";
import { type ServiceWorkerConfig, serviceWorker } from "./service-worker.ts";

/** A function's source, refusing one that calls a helper a transpiler added (it would not exist in the worker). */
function source(fn: (...args: never[]) => unknown): string {
  const text = fn.toString();
  const helper = text.match(/\b__(name|vite_ssr_\w+)\b/);
  if (helper) throw new Error(`${fn.name} was compiled with a helper the worker cannot use: ${helper[0]}`);
  return text;
}

export function serviceWorkerScript(config: ServiceWorkerConfig): string {
  const rules = `{ cachingRule: ${source(cachingRule)}, cacheable: ${source(cacheable)}, cacheName: ${source(cacheName)} }`;
  return (
    `"use strict";\n// The Spotiflies Report's service worker, build ${config.build}: see src/offline/service-worker.ts.\n` +
    `(${source(serviceWorker)})(${JSON.stringify(config)}, ${rules}, self, caches, fetch.bind(self));\n`
  );
}
