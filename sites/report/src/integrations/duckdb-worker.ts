/**
 * Writes the DuckDB worker the site serves: the prelude (`widgets/duckdb/worker-prelude.ts`, which says
 * why) followed by DuckDB-WASM's own worker script, in one file so that the worker starts with one request.
 */
import { workerPrelude } from "../widgets/duckdb/worker-prelude.ts";

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

/** DuckDB-WASM's script ends by naming a source map that the site does not serve. */
const SOURCE_MAP_COMMENT = /\n\/\/# sourceMappingURL=\S+\s*$/;

/**
 * The served worker script: the prelude, called with the wasm's name and the exports to keep, then
 * DuckDB's script. DuckDB's script is strict mode, and its "use strict" only counts at the top of a file,
 * so the combined file starts with it.
 */
export async function duckdbWorkerScript(
  workerScript: string,
  wasm: BufferSource,
  wasmName: string,
): Promise<string> {
  const module = await WebAssembly.compile(wasm);
  const options = { wasm: wasmName, keep: exportsToKeep(module, workerScript) };
  const prelude = workerPrelude.toString();
  // A transpiler's helper (esbuild's keepNames `__name`, Vite's SSR imports) would not exist in the worker.
  const helper = prelude.match(/\b__(name|vite_ssr_\w+)\b/);
  if (helper) throw new Error(`The worker prelude was compiled with a helper it cannot use: ${helper[0]}`);
  return [
    '"use strict";',
    `(${prelude})(${JSON.stringify(options)});`,
    workerScript.replace(SOURCE_MAP_COMMENT, "\n"),
  ].join("\n");
}
