/**
 * Writes the worker the page starts: the prelude (`widgets/duckdb/worker-prelude.ts`, which says why),
 * with the exports Emscripten's loader is to see, computed here from DuckDB-WASM's wasm and worker script.
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

/** The worker the page starts: the prelude, called with the file names and the exports to keep. */
export async function duckdbWorkerScript(
  workerScript: string,
  wasm: BufferSource,
  names: { wasm: string; script: string },
): Promise<string> {
  const module = await WebAssembly.compile(wasm);
  const options = { ...names, keep: exportsToKeep(module, workerScript) };
  const prelude = workerPrelude.toString();
  // A transpiler's helper (esbuild's keepNames `__name`, Vite's SSR imports) would not exist in the worker.
  const helper = prelude.match(/\b__(name|vite_ssr_\w+)\b/);
  if (helper) throw new Error(`The worker prelude was compiled with a helper it cannot use: ${helper[0]}`);
  return `(${prelude})(${JSON.stringify(options)});\n`;
}
