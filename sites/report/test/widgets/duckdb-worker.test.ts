import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { duckdbSources } from "../../src/integrations/duckdb-assets.ts";
import { duckdbWorkerScript, exportsToKeep, slimDuckdbWasm } from "../../src/integrations/duckdb-worker.ts";
import { DUCKDB_WASM, DUCKDB_WORKER_SCRIPT } from "../../src/widgets/duckdb/files.ts";
import { workerPrelude } from "../../src/widgets/duckdb/worker-prelude.ts";
import { TINY_EXPORTS, tinyImports, tinyModule } from "../support/tiny-wasm.ts";

const tinyScript = "var _keep_me = () => (_keep_me = wasmExports.keep_me)(); var drop = 'drop me';";

describe("the exports DuckDB's wasm keeps", () => {
  it("keeps what the script names, what the GOT needs (with orig$), and dynCall_ helpers; drops the rest", async () => {
    const module = await WebAssembly.compile(tinyModule);
    expect(exportsToKeep(module, tinyScript)).toEqual(["keep_me", "f_got", "orig$f_got", "dynCall_i"]);
    const slim = await slimDuckdbWasm(tinyModule, tinyScript);
    expect(slim.exports).toEqual({ before: TINY_EXPORTS.length, after: 4 });
    const { instance } = await WebAssembly.instantiate(slim.wasm as Uint8Array<ArrayBuffer>, tinyImports());
    expect(Object.keys(instance.exports)).toEqual(["keep_me", "f_got", "orig$f_got", "dynCall_i"]);
  });

  it("keeps every export DuckDB-WASM's worker reads and every GOT symbol, and drops most of the 75,011", async () => {
    const sources = duckdbSources("/unused");
    const script = readFileSync(sources[DUCKDB_WORKER_SCRIPT] as string, "utf8");
    const wasm = readFileSync(sources[DUCKDB_WASM] as string);
    const module = await WebAssembly.compile(wasm);
    const exported = new Set(WebAssembly.Module.exports(module).map((entry) => entry.name));
    const slim = await slimDuckdbWasm(wasm, script);
    const kept = new Set(
      WebAssembly.Module.exports(await WebAssembly.compile(slim.wasm as Uint8Array<ArrayBuffer>)).map(
        (entry) => entry.name,
      ),
    );

    const read = [...script.matchAll(/wasmExports\.([A-Za-z0-9_$]+)/g)].map((match) => match[1] as string);
    expect(read.length).toBeGreaterThan(50);
    for (const symbol of read) if (exported.has(symbol)) expect(kept).toContain(symbol);
    const got = WebAssembly.Module.imports(module).filter((entry) => entry.module.startsWith("GOT."));
    expect(got.length).toBeGreaterThan(200);
    for (const { name } of got) {
      for (const variant of [name, `orig$${name}`])
        if (exported.has(variant)) expect(kept).toContain(variant);
    }
    for (const symbol of exported) if (symbol.startsWith("dynCall_")) expect(kept).toContain(symbol);
    expect(exported.size).toBe(75_011);
    expect(slim.exports).toEqual({ before: 75_011, after: kept.size });
    expect(kept.size).toBeLessThan(exported.size / 50);
    expect(slim.wasm.length).toBeLessThan(wasm.length * 0.8);
  });
});

/** Runs the prelude in a fresh context with a stand-in worker scope, as the worker would run it. */
function runPrelude(wasmResponse: () => Promise<Response>) {
  const requests: string[] = [];
  const scope = {
    location: { href: "https://example.test/report/duckdb/duckdb-worker.js" },
    listeners: [] as string[],
    imported: [] as string[],
    addEventListener(type: string) {
      this.listeners.push(type);
    },
    importScripts(url: string) {
      this.imported.push(url);
    },
    fetch(input: string | Request) {
      const url = typeof input === "string" ? input : input.url;
      requests.push(url);
      return url.endsWith(".wasm") ? wasmResponse() : Promise.resolve(new Response("other"));
    },
  };
  const wasm = {
    compile: WebAssembly.compile,
    compileStreaming: WebAssembly.compileStreaming,
    instantiate: WebAssembly.instantiate,
    instantiateStreaming: undefined as unknown as typeof WebAssembly.instantiateStreaming,
  };
  runInNewContext(duckdbWorkerScript({ wasm: "duckdb-eh.wasm", script: "duckdb.worker.js" }), {
    self: scope,
    WebAssembly: wasm,
    Request,
    Response,
    URL,
    setTimeout,
  });
  return { scope, wasm, requests };
}

describe("the worker the page starts", () => {
  const wasmResponse = () =>
    Promise.resolve(new Response(tinyModule, { headers: { "Content-Type": "application/wasm" } }));

  it("starts compiling the wasm beside it, then loads DuckDB's script, and answers DuckDB's own fetch of the wasm without a download", async () => {
    const { scope, requests } = runPrelude(wasmResponse);
    expect(requests).toEqual(["https://example.test/report/duckdb/duckdb-eh.wasm"]);
    expect(scope.imported).toEqual(["https://example.test/report/duckdb/duckdb.worker.js"]);
    expect(scope.listeners).toEqual(["unhandledrejection"]);

    const duckdbsOwn = await scope.fetch(new Request("https://example.test/report/duckdb/duckdb-eh.wasm"));
    expect(await duckdbsOwn.arrayBuffer()).toHaveProperty("byteLength", 0);
    expect(await (await scope.fetch("https://example.test/other.json")).text()).toBe("other");
    expect(requests).toHaveLength(2);
  });

  it("gives DuckDB's instantiation the module it compiled", async () => {
    const { wasm } = runPrelude(wasmResponse);
    const { module, instance } = await wasm.instantiateStreaming(
      Promise.resolve(new Response(null)),
      tinyImports(),
    );
    expect(WebAssembly.Module.exports(module)).toHaveLength(TINY_EXPORTS.length);
    expect((instance.exports.keep_me as () => number)()).toBe(1);
  });

  it("compiles from the bytes when the host sends the wasm with another Content-Type", async () => {
    const { wasm, requests } = runPrelude(() =>
      Promise.resolve(new Response(tinyModule, { headers: { "Content-Type": "application/octet-stream" } })),
    );
    const { instance } = await wasm.instantiateStreaming(Promise.resolve(new Response(null)), tinyImports());
    expect((instance.exports.keep_me as () => number)()).toBe(1);
    expect(requests).toEqual([
      "https://example.test/report/duckdb/duckdb-eh.wasm",
      "https://example.test/report/duckdb/duckdb-eh.wasm",
    ]);
  });

  it("passes a failed wasm download on to DuckDB's instantiation", async () => {
    const notFound = new Response("missing", {
      status: 404,
      headers: { "Content-Type": "application/wasm" },
    });
    const { wasm } = runPrelude(() => Promise.resolve(notFound));
    await expect(wasm.instantiateStreaming(Promise.resolve(new Response(null)), {})).rejects.toThrow(
      /status/i,
    );
  });

  it("is the prelude alone, self-contained, called with the two file names", () => {
    const served = duckdbWorkerScript({ wasm: "tiny.wasm", script: "tiny.js" });
    expect(served).toBe(`(${workerPrelude.toString()})({"wasm":"tiny.wasm","script":"tiny.js"});\n`);
    expect(served).not.toMatch(/\b(import|require)\b|__name/);
  });
});
