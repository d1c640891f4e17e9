import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { duckdbSources } from "../../src/integrations/duckdb-assets.ts";
import { duckdbWorkerScript, exportsToKeep } from "../../src/integrations/duckdb-worker.ts";
import { DUCKDB_WASM, DUCKDB_WORKER_SCRIPT } from "../../src/widgets/duckdb/files.ts";
import { workerPrelude } from "../../src/widgets/duckdb/worker-prelude.ts";

/** A wasm section: id, size, contents (every size here is below 128, so one LEB128 byte each). */
const section = (id: number, contents: number[]) => [id, contents.length, ...contents];
const name = (text: string) => [text.length, ...Buffer.from(text)];

/**
 * A hand-made module shaped like DuckDB's: a GOT.func import (`f_got`, which the module resolves through
 * the GOT), three functions returning 1, 2 and 3, and exports named after what the rule must keep or drop.
 */
const EXPORTS: [string, number][] = [
  ["keep_me", 0],
  ["f_got", 1],
  ["orig$f_got", 1],
  ["dynCall_i", 2],
  ["drop_me", 2],
  ["orig$drop_me", 2],
];
const tinyModule = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [1, 0x60, 0, 1, 0x7f]),
  ...section(2, [1, ...name("GOT.func"), ...name("f_got"), 0x03, 0x7f, 0x01]),
  ...section(3, [3, 0, 0, 0]),
  ...section(7, [EXPORTS.length, ...EXPORTS.flatMap(([text, index]) => [...name(text), 0x00, index])]),
  ...section(10, [3, ...[1, 2, 3].flatMap((value) => [4, 0, 0x41, value, 0x0b])]),
]);

describe("the exports shown to Emscripten's loader", () => {
  it("keeps what the script names, what the GOT needs (with orig$), and dynCall_ helpers; drops the rest", async () => {
    const module = await WebAssembly.compile(tinyModule);
    const script = "var _keep_me = () => (_keep_me = wasmExports.keep_me)(); var drop = 'drop me';";
    expect(exportsToKeep(module, script)).toEqual(["keep_me", "f_got", "orig$f_got", "dynCall_i"]);
  });

  it("keeps every export DuckDB-WASM's worker reads and every GOT symbol, and drops most of the 75,011", async () => {
    const sources = duckdbSources("/unused");
    const script = readFileSync(sources[DUCKDB_WORKER_SCRIPT] as string, "utf8");
    const module = await WebAssembly.compile(readFileSync(sources[DUCKDB_WASM] as string));
    const kept = new Set(exportsToKeep(module, script));
    const exported = new Set(WebAssembly.Module.exports(module).map((entry) => entry.name));

    const read = [...script.matchAll(/wasmExports\.([A-Za-z0-9_$]+)/g)].map((match) => match[1] as string);
    expect(read.length).toBeGreaterThan(50);
    for (const symbol of read) if (exported.has(symbol)) expect(kept).toContain(symbol);
    const got = WebAssembly.Module.imports(module).filter((entry) => entry.module.startsWith("GOT."));
    expect(got.length).toBeGreaterThan(200);
    for (const { name: symbol } of got) {
      for (const variant of [symbol, `orig$${symbol}`])
        if (exported.has(variant)) expect(kept).toContain(variant);
    }
    for (const symbol of exported) if (symbol.startsWith("dynCall_")) expect(kept).toContain(symbol);
    expect(exported.size).toBe(75_011);
    expect(kept.size).toBeLessThan(exported.size / 50);
  });
});

/** Runs the prelude in a fresh context with a stand-in worker scope, as the worker would run it. */
function runPrelude(keep: string[], wasmResponse: () => Promise<Response>) {
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
    compileStreaming: WebAssembly.compileStreaming,
    instantiate: WebAssembly.instantiate,
    instantiateStreaming: undefined as unknown as typeof WebAssembly.instantiateStreaming,
  };
  const options = { wasm: "duckdb-eh.wasm", script: "duckdb.worker.js", keep };
  runInNewContext(`(${workerPrelude.toString()})(${JSON.stringify(options)})`, {
    self: scope,
    WebAssembly: wasm,
    Request,
    Response,
    URL,
    Set,
    Object,
    setTimeout,
  });
  return { scope, wasm, requests };
}

describe("the worker prelude", () => {
  const wasmResponse = () =>
    Promise.resolve(new Response(tinyModule, { headers: { "Content-Type": "application/wasm" } }));

  it("starts compiling the wasm beside it, then loads DuckDB's script, and answers DuckDB's own fetch of the wasm without a download", async () => {
    const { scope, requests } = runPrelude([], wasmResponse);
    expect(requests).toEqual(["https://example.test/report/duckdb/duckdb-eh.wasm"]);
    expect(scope.imported).toEqual(["https://example.test/report/duckdb/duckdb.worker.js"]);
    expect(scope.listeners).toEqual(["unhandledrejection"]);

    const duckdbsOwn = await scope.fetch(new Request("https://example.test/report/duckdb/duckdb-eh.wasm"));
    expect(await duckdbsOwn.arrayBuffer()).toHaveProperty("byteLength", 0);
    expect(await (await scope.fetch("https://example.test/other.json")).text()).toBe("other");
    expect(requests).toHaveLength(2);
  });

  it("instantiates the precompiled module and shows only the kept exports", async () => {
    const { wasm } = runPrelude(["keep_me", "f_got"], wasmResponse);
    const imports = { "GOT.func": { f_got: new WebAssembly.Global({ value: "i32", mutable: true }) } };
    const { module, instance } = await wasm.instantiateStreaming(
      Promise.resolve(new Response(null)),
      imports,
    );
    expect(WebAssembly.Module.exports(module)).toHaveLength(EXPORTS.length);
    expect(Object.keys(instance.exports)).toEqual(["keep_me", "f_got"]);
    expect((instance.exports.keep_me as () => number)()).toBe(1);
    expect((instance.exports.f_got as () => number)()).toBe(2);
  });

  it("passes a failed wasm download on to DuckDB's instantiation", async () => {
    const notFound = new Response("missing", {
      status: 404,
      headers: { "Content-Type": "application/wasm" },
    });
    const { wasm } = runPrelude([], () => Promise.resolve(notFound));
    await expect(wasm.instantiateStreaming(Promise.resolve(new Response(null)), {})).rejects.toThrow(
      /status/i,
    );
  });
});

describe("the worker the page starts", () => {
  it("is the prelude alone, self-contained, called with the file names and the exports to keep", async () => {
    const script = "var duckdb=wasmExports.keep_me;";
    const served = await duckdbWorkerScript(script, tinyModule, { wasm: "tiny.wasm", script: "tiny.js" });
    expect(served).toBe(
      `(${workerPrelude.toString()})(` +
        '{"wasm":"tiny.wasm","script":"tiny.js","keep":["keep_me","f_got","orig$f_got","dynCall_i"]});\n',
    );
    expect(served).not.toMatch(/\b(import|require)\b|__name/);
  });
});
