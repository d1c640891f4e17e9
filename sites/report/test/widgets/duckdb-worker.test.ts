import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { CORE_CATALOG } from "@spotiflies/analysis/tracks-view";
import { afterAll, describe, expect, it } from "vitest";
import { BuildCache } from "../../src/integrations/build-cache.ts";
import { duckdbSources } from "../../src/integrations/duckdb-assets.ts";
import {
  duckdbWorkerScript,
  exportsToKeep,
  slimDuckdbWasm,
  slimDuckdbWasmCached,
} from "../../src/integrations/duckdb-worker.ts";
import {
  CORE_FILE,
  DUCKDB_WASM,
  DUCKDB_WORKER_SCRIPT,
  TRACK_IDS_DATABASE,
  TRACKS_DATABASE,
  WORKER_DATABASES,
} from "../../src/widgets/duckdb/files.ts";
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

describe("the slimmed wasm from the build cache", () => {
  const root = mkdtempSync(join(tmpdir(), "spotiflies-slim-cache-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("is the slimmed wasm byte for byte, with the same counts; a changed script or wasm misses; a corrupt entry is made again", async () => {
    const dir = mkdtempSync(join(root, "cache-"));
    const cache = new BuildCache(dir);
    const uncached = await slimDuckdbWasm(tinyModule, tinyScript);
    const first = await slimDuckdbWasmCached(tinyModule, tinyScript, cache);
    const second = await slimDuckdbWasmCached(tinyModule, tinyScript, cache);
    expect([first.fromCache, second.fromCache]).toEqual([false, true]);
    for (const made of [first, second]) {
      expect([...made.wasm]).toEqual([...uncached.wasm]);
      expect(made.exports).toEqual(uncached.exports);
    }

    const otherScript = `${tinyScript} var f = wasmExports.drop_me;`;
    const widened = await slimDuckdbWasmCached(tinyModule, otherScript, cache);
    expect(widened.fromCache).toBe(false);
    expect([...widened.wasm]).toEqual([...(await slimDuckdbWasm(tinyModule, otherScript)).wasm]);
    const otherWasm = new Uint8Array([...tinyModule, 0, 1, 0]); // a custom section: named "", no payload
    expect((await slimDuckdbWasmCached(otherWasm, tinyScript, cache)).fromCache).toBe(false);

    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      writeFileSync(path, readFileSync(path).subarray(0, -1));
    }
    const remade = await slimDuckdbWasmCached(tinyModule, tinyScript, cache);
    expect(remade.fromCache).toBe(false);
    expect([...remade.wasm]).toEqual([...uncached.wasm]);
  });
});

/** The prelude's database files in these tests: one downloaded at once, one when registered. */
const DATABASES = {
  "core.duckdb": { file: "tracks.duckdb", label: "The database file", prefetch: true },
  "ids.duckdb": { file: "track-ids.duckdb", label: "The IDs' file", prefetch: false },
};
const OPTIONS = { wasm: "duckdb-eh.wasm", script: "duckdb.worker.js", databases: DATABASES };
const DIR = "https://example.test/report/duckdb/";

/** A file's response for a stand-in fetch: its bytes, or a 404. */
type Files = Record<string, () => Promise<Response>>;
const bytesOf =
  (...values: number[]) =>
  () =>
    Promise.resolve(new Response(new Uint8Array(values)));

/**
 * Runs the prelude in a fresh context with a stand-in worker scope, as the worker would run it. The
 * stand-in DuckDB script records the messages its handler receives; `posted` holds what the prelude posts.
 */
function runPrelude(wasmResponse: () => Promise<Response>, files: Files = {}) {
  const requests: string[] = [];
  const received: { type?: string; data?: unknown[] }[] = [];
  const posted: unknown[] = [];
  const scope = {
    location: { href: `${DIR}duckdb-worker.js` },
    listeners: [] as string[],
    imported: [] as string[],
    onmessage: null as ((event: { data: unknown }) => unknown) | null,
    addEventListener(type: string) {
      this.listeners.push(type);
    },
    importScripts(url: string) {
      this.imported.push(url);
      // DuckDB's script sets the worker's message handler.
      this.onmessage = (event) => {
        received.push(event.data as { type?: string; data?: unknown[] });
      };
    },
    postMessage(message: unknown) {
      posted.push(message);
    },
    fetch(input: string | Request) {
      const url = typeof input === "string" ? input : input.url;
      requests.push(url);
      if (url.endsWith(".wasm")) return wasmResponse();
      const file = files[url.slice(DIR.length)];
      return file ? file() : Promise.resolve(new Response("other"));
    },
  };
  const wasm = {
    compile: WebAssembly.compile,
    compileStreaming: WebAssembly.compileStreaming,
    instantiate: WebAssembly.instantiate,
    instantiateStreaming: undefined as unknown as typeof WebAssembly.instantiateStreaming,
  };
  runInNewContext(duckdbWorkerScript(OPTIONS), {
    self: scope,
    WebAssembly: wasm,
    Request,
    Response,
    URL,
    Object,
    Uint8Array,
    Promise,
    Error,
    setTimeout,
  });
  const send = (data: unknown) => scope.onmessage?.({ data });
  return { scope, wasm, requests, received, posted, send };
}

/** The bytes of the registration DuckDB received `index`-th, as plain numbers. */
const bytesReceived = (received: { data?: unknown[] }[], index: number) => [
  ...((received[index]?.data?.[1] as Uint8Array | undefined) ?? []),
];

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the worker the page starts", () => {
  const wasmResponse = () =>
    Promise.resolve(new Response(tinyModule, { headers: { "Content-Type": "application/wasm" } }));

  it("starts compiling the wasm beside it, then loads DuckDB's script, and answers DuckDB's own fetch of the wasm without a download", async () => {
    const { scope, requests } = runPrelude(wasmResponse);
    expect(requests).toEqual([`${DIR}duckdb-eh.wasm`, `${DIR}tracks.duckdb`]);
    expect(scope.imported).toEqual(["https://example.test/report/duckdb/duckdb.worker.js"]);
    expect(scope.listeners).toEqual(["unhandledrejection"]);

    const duckdbsOwn = await scope.fetch(new Request("https://example.test/report/duckdb/duckdb-eh.wasm"));
    expect(await duckdbsOwn.arrayBuffer()).toHaveProperty("byteLength", 0);
    expect(await (await scope.fetch("https://example.test/other.json")).text()).toBe("other");
    expect(requests).toHaveLength(3);
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
    expect(requests.filter((url) => url.endsWith(".wasm"))).toEqual([
      `${DIR}duckdb-eh.wasm`,
      `${DIR}duckdb-eh.wasm`,
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

  it("is the prelude alone, self-contained, called with its options", () => {
    const served = duckdbWorkerScript(OPTIONS);
    expect(served).toBe(`(${workerPrelude.toString()})(${JSON.stringify(OPTIONS)});\n`);
    expect(served).not.toMatch(/\b(import|require)\b|__name/);
  });
});

describe("the database files the worker downloads itself", () => {
  const wasmResponse = () =>
    Promise.resolve(new Response(tinyModule, { headers: { "Content-Type": "application/wasm" } }));
  const register = (messageId: number, name: string, bytes = new Uint8Array(0)) => ({
    messageId,
    type: "REGISTER_FILE_BUFFER",
    data: [name, bytes],
  });

  it("hands DuckDB the downloaded bytes for a registration without any, and tells the page", async () => {
    const worker = runPrelude(wasmResponse, { "tracks.duckdb": bytesOf(1, 2, 3) });
    worker.send(register(1, "core.duckdb"));
    await settle();
    expect(worker.received).toHaveLength(1);
    expect(worker.received[0]?.type).toBe("REGISTER_FILE_BUFFER");
    expect(worker.received[0]?.data?.[0]).toBe("core.duckdb");
    expect(bytesReceived(worker.received, 0)).toEqual([1, 2, 3]);
    expect(worker.posted).toEqual([{ type: "LOG", data: { prelude: "download", name: "core.duckdb" } }]);
    // Downloaded once, at start, before the page asked.
    expect(worker.requests.filter((url) => url.endsWith("tracks.duckdb"))).toHaveLength(1);
  });

  it("downloads a file not fetched at start when the page registers it; other messages pass meanwhile", async () => {
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = runPrelude(wasmResponse, {
      "tracks.duckdb": bytesOf(7),
      "track-ids.duckdb": () => held.then(bytesOf(9)),
    });
    expect(worker.requests.filter((url) => url.endsWith("track-ids.duckdb"))).toHaveLength(0);
    worker.send(register(2, "ids.duckdb"));
    worker.send({ messageId: 3, type: "RUN_QUERY" });
    await settle();
    expect(worker.received.map((m) => m.type)).toEqual(["RUN_QUERY"]);
    expect(worker.requests.filter((url) => url.endsWith("track-ids.duckdb"))).toHaveLength(1);
    release?.();
    await settle();
    expect(worker.received.map((m) => m.type)).toEqual(["RUN_QUERY", "REGISTER_FILE_BUFFER"]);
    expect(bytesReceived(worker.received, 1)).toEqual([9]);
  });

  it("passes on a registration that brings its own bytes, or of a file it does not download, unchanged", async () => {
    const worker = runPrelude(wasmResponse, { "tracks.duckdb": bytesOf(1) });
    const own = register(1, "core.duckdb", new Uint8Array([5]));
    const other = register(2, "other.duckdb");
    worker.send(own);
    worker.send(other);
    expect(worker.received).toEqual([own, other]);
  });

  it("answers a failed download with DuckDB's error reply, tells the page, and tries again on the next registration", async () => {
    let status = 404;
    const worker = runPrelude(wasmResponse, {
      "tracks.duckdb": bytesOf(1),
      "track-ids.duckdb": () =>
        Promise.resolve(status === 200 ? new Response(new Uint8Array([4])) : new Response("no", { status })),
    });
    worker.send(register(8, "ids.duckdb"));
    await settle();
    expect(worker.received).toEqual([]);
    const sentence = "The IDs' file could not be downloaded (HTTP 404).";
    expect(worker.posted).toContainEqual({
      type: "LOG",
      data: { prelude: "download", name: "ids.duckdb", error: sentence },
    });
    expect(worker.posted).toContainEqual({
      messageId: -1,
      requestId: 8,
      type: "ERROR",
      data: { name: "Error", message: sentence },
    });
    status = 200;
    worker.send(register(9, "ids.duckdb"));
    await settle();
    expect(bytesReceived(worker.received, 0)).toEqual([4]);
  });

  it("says so when the network fails, naming the file", async () => {
    const worker = runPrelude(wasmResponse, {
      "tracks.duckdb": () => Promise.reject(new TypeError("Failed to fetch")),
    });
    await settle();
    expect(worker.posted).toEqual([
      {
        type: "LOG",
        data: {
          prelude: "download",
          name: "core.duckdb",
          error: "The database file could not be downloaded: Failed to fetch",
        },
      },
    ]);
  });
});

describe("the files the page registers", () => {
  it("name the first file after the catalog the view reads", () => {
    expect(CORE_FILE).toBe(`${CORE_CATALOG}.duckdb`);
    expect(WORKER_DATABASES[CORE_FILE]).toMatchObject({ file: TRACKS_DATABASE, prefetch: true });
    expect(WORKER_DATABASES[TRACK_IDS_DATABASE]).toMatchObject({ file: TRACK_IDS_DATABASE, prefetch: false });
  });
});
