/**
 * DuckDB-WASM's worker and wasm as the site serves them: the worker the page starts (the prelude in
 * `widgets/duckdb/worker-prelude.ts`, which then loads DuckDB's own worker script), and the wasm with
 * only the exports that script uses.
 *
 * Why slim the exports: the wasm is an Emscripten MAIN_MODULE that exports 75,011 symbols so that
 * extensions could be linked against it; their names alone are 7.4 MB of the 34 MB file. The browser
 * decodes them and makes a function object for each, and Emscripten's loader gives every exported
 * function a table slot and a GOT entry: 0.45–0.6 s of JavaScript per start, seen in a Chromium CPU
 * profile. The page never loads an extension (they are locked off), so the served wasm exports only what
 * the worker script names, what the module's own GOT imports resolve to, and the `dynCall_` helpers.
 * Paired runs in headless Chromium on 2 cores: DuckDB ready 0.3–0.4 s sooner, 0.9 MB less to download.
 */
import { readFile } from "node:fs/promises";
import { type WorkerPreludeOptions, workerPrelude } from "../widgets/duckdb/worker-prelude.ts";
import type { BuildCache } from "./build-cache.ts";
import { exportCount, keepExports } from "./wasm-exports.ts";

/** An identifier-like word in a script: what a property access or a string naming an export looks like. */
const WORD = /[A-Za-z0-9_$]+/g;

/**
 * The exports Emscripten's loader must see: every export that DuckDB-WASM's worker script names (it reads
 * them as `wasmExports.name` or calls them as `"name"` through `ccall`), every symbol the module's own
 * GOT imports resolve to (with its `orig$` variant, which Emscripten prefers for the GOT), and the
 * `dynCall_` helpers it looks up by signature. The rest exist only for linking extensions.
 */
export function exportsToKeep(module: WebAssembly.Module, workerScript: string): string[] {
  const named = new Set(workerScript.match(WORD));
  const got = new Set(
    WebAssembly.Module.imports(module)
      .filter((entry) => entry.module === "GOT.func" || entry.module === "GOT.mem")
      .map((entry) => entry.name),
  );
  const needed = (name: string) => named.has(name) || got.has(name);
  return WebAssembly.Module.exports(module)
    .map((entry) => entry.name)
    .filter(
      (name) =>
        needed(name) ||
        name.startsWith("dynCall_") ||
        (name.startsWith("orig$") && needed(name.slice("orig$".length))),
    );
}

/** DuckDB's wasm with only the exports its worker script uses (see above). */
export async function slimDuckdbWasm(
  wasm: Uint8Array,
  workerScript: string,
): Promise<{ wasm: Uint8Array; exports: { before: number; after: number } }> {
  const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
  const keep = new Set(exportsToKeep(module, workerScript));
  const slim = keepExports(wasm, (name) => keep.has(name));
  return { wasm: slim, exports: { before: WebAssembly.Module.exports(module).length, after: keep.size } };
}

/**
 * The source of the code that decides the slimmed bytes (this module's choice of exports and the export
 * section's rewriting), part of the cache key: an edit to either makes the next build slim afresh.
 */
const SLIMMING_CODE = [
  new URL("./duckdb-worker.ts", import.meta.url),
  new URL("./wasm-exports.ts", import.meta.url),
];

/**
 * `slimDuckdbWasm`, taken from the build cache when the same wasm was slimmed for the same worker script by
 * the same code (compiling DuckDB's 34 MB module to list its exports takes a second or two per build).
 */
export async function slimDuckdbWasmCached(
  wasm: Uint8Array,
  workerScript: string,
  cache: BuildCache,
): Promise<{ wasm: Uint8Array; exports: { before: number; after: number }; fromCache: boolean }> {
  const code = await Promise.all(SLIMMING_CODE.map((url) => readFile(url, "utf8")));
  const made = await cache.getOrMake(
    ["duckdb-slim-wasm", ...code, workerScript, wasm],
    async () => (await slimDuckdbWasm(wasm, workerScript)).wasm,
  );
  return {
    wasm: made.bytes,
    exports: { before: exportCount(wasm), after: exportCount(made.bytes) },
    fromCache: made.hit,
  };
}

/**
 * The worker the page starts: the prelude, called with the names of the wasm and of DuckDB's script, and
 * the database files it downloads.
 */
export function duckdbWorkerScript(options: WorkerPreludeOptions): string {
  const prelude = workerPrelude.toString();
  // A transpiler's helper (esbuild's keepNames `__name`, Vite's SSR imports) would not exist in the worker.
  const helper = prelude.match(/\b__(name|vite_ssr_\w+)\b/);
  if (helper) throw new Error(`The worker prelude was compiled with a helper it cannot use: ${helper[0]}`);
  return `(${prelude})(${JSON.stringify(options)});\n`;
}
