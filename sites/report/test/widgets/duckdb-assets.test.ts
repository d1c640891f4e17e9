import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AstroIntegration, AstroIntegrationLogger } from "astro";
import { afterAll, describe, expect, it } from "vitest";
import { duckdbAssets, duckdbSources } from "../../src/integrations/duckdb-assets.ts";
import {
  DUCKDB_FILES,
  DUCKDB_WASM,
  DUCKDB_WORKER,
  DUCKDB_WORKER_SCRIPT,
  TRACK_IDS_DATABASE,
  TRACKS_DATABASE,
  WORKER_DATABASES,
} from "../../src/widgets/duckdb/files.ts";

type Hooks = AstroIntegration["hooks"];
type Middleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

const root = mkdtempSync(join(tmpdir(), "spotiflies-duckdb-assets-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** DuckDB-WASM's real worker and wasm (the worker is made from both), and small stand-in database files. */
function testSources(withDatabase = true): Record<string, string> {
  const folder = mkdtempSync(join(root, "sources-"));
  const database = join(folder, TRACKS_DATABASE);
  const ids = join(folder, TRACK_IDS_DATABASE);
  if (withDatabase) writeFileSync(database, `contents of ${TRACKS_DATABASE}`);
  writeFileSync(ids, `contents of ${TRACK_IDS_DATABASE}`);
  return { ...duckdbSources("/unused"), [TRACKS_DATABASE]: database, [TRACK_IDS_DATABASE]: ids };
}

const source = (name: string) => readFileSync(testSources()[name] as string);

function logger(lines: string[]): AstroIntegrationLogger {
  const log = (message: string) => lines.push(message);
  return { info: log, warn: log, error: log, debug: log } as unknown as AstroIntegrationLogger;
}

async function buildDone(hooks: Hooks, outDir: string, lines: string[] = []) {
  const done = hooks["astro:build:done"] as unknown as (options: object) => Promise<void>;
  await done({ dir: pathToFileURL(`${outDir}/`), logger: logger(lines) });
}

describe("the DuckDB assets integration", () => {
  it("resolves DuckDB-WASM's eh bundle and the analysis's database file", () => {
    const sources = duckdbSources("/analysis/output");
    expect(sources[DUCKDB_WASM]).toMatch(/@duckdb\/duckdb-wasm\/dist\/duckdb-eh\.wasm$/);
    expect(sources[DUCKDB_WORKER_SCRIPT]).toMatch(
      /@duckdb\/duckdb-wasm\/dist\/duckdb-browser-eh\.worker\.js$/,
    );
    expect(sources[TRACKS_DATABASE]).toBe("/analysis/output/tracks.duckdb");
    expect(sources[TRACK_IDS_DATABASE]).toBe("/analysis/output/track-ids.duckdb");
  });

  it("copies DuckDB's worker script, the wasm and the database, writes the worker, and logs their sizes", async () => {
    const outDir = join(root, "dist");
    mkdirSync(outDir);
    const lines: string[] = [];
    await buildDone(duckdbAssets(testSources()).hooks, outDir, lines);
    const built = (name: string) => readFileSync(join(outDir, "duckdb", name));
    const wasm = new WebAssembly.Module(built(DUCKDB_WASM));
    expect(WebAssembly.Module.exports(wasm).length).toBeLessThan(1000);
    expect(built(DUCKDB_WASM).length).toBeLessThan(source(DUCKDB_WASM).length * 0.8);
    expect(built(DUCKDB_WORKER_SCRIPT).equals(source(DUCKDB_WORKER_SCRIPT))).toBe(true);
    expect(built(TRACKS_DATABASE).toString()).toBe(`contents of ${TRACKS_DATABASE}`);
    expect(built(TRACK_IDS_DATABASE).toString()).toBe(`contents of ${TRACK_IDS_DATABASE}`);
    const worker = built(DUCKDB_WORKER).toString();
    expect(worker).toMatch(/^\(function workerPrelude\(/);
    const options = { wasm: DUCKDB_WASM, script: DUCKDB_WORKER_SCRIPT, databases: WORKER_DATABASES };
    expect(worker).toContain(`(${JSON.stringify(options)});`);
    for (const name of DUCKDB_FILES) expect(lines.join("\n")).toContain(`duckdb/${name}`);
    expect(lines.join("\n")).toMatch(/the wasm exports \d+ of DuckDB's 75,011 symbols/);
  });

  it("fails the build, naming the missing file and the fix, when the analysis has not been built", async () => {
    const sources = testSources(false);
    const failure = buildDone(duckdbAssets(sources).hooks, join(root, "dist-missing"));
    await expect(failure).rejects.toThrow(/missing: .*tracks\.duckdb\. Build the analysis first/);
  });

  it("serves the files under the base path in `astro dev`, with byte ranges, and nothing else", async () => {
    const { hooks } = duckdbAssets(testSources());
    const plugins: { configureServer(server: object): void }[] = [];
    const setup = hooks["astro:config:setup"] as unknown as (options: object) => void;
    setup({
      command: "dev",
      updateConfig: (config: { vite: { plugins: typeof plugins } }) => plugins.push(...config.vite.plugins),
    });
    const configDone = hooks["astro:config:done"] as unknown as (options: object) => void;
    configDone({ config: { base: "/sub" } });
    let middleware: Middleware | undefined;
    plugins[0]?.configureServer({ middlewares: { use: (handler: Middleware) => (middleware = handler) } });
    expect(middleware).toBeDefined();

    const server = createServer((request, response) =>
      middleware?.(request, response, () => response.writeHead(418).end("passed on")),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const wasm = await fetch(`${origin}/sub/duckdb/${DUCKDB_WASM}`);
      expect([wasm.status, wasm.headers.get("content-type")]).toEqual([200, "application/wasm"]);
      const served = Buffer.from(await wasm.arrayBuffer());
      expect(served.length).toBeLessThan(source(DUCKDB_WASM).length * 0.8);
      expect(WebAssembly.Module.exports(new WebAssembly.Module(served)).length).toBeLessThan(1000);
      const worker = await fetch(`${origin}/sub/duckdb/${DUCKDB_WORKER}`);
      expect([worker.status, worker.headers.get("content-type")]).toEqual([
        200,
        "text/javascript; charset=utf-8",
      ]);
      expect(await worker.text()).toMatch(/^\(function workerPrelude\(/);
      const script = await fetch(`${origin}/sub/duckdb/${DUCKDB_WORKER_SCRIPT}`);
      expect(Buffer.from(await script.arrayBuffer()).equals(source(DUCKDB_WORKER_SCRIPT))).toBe(true);
      const part = await fetch(`${origin}/sub/duckdb/${TRACKS_DATABASE}`, {
        headers: { Range: "bytes=0-7" },
      });
      expect([part.status, await part.text()]).toEqual([206, "contents"]);
      expect((await fetch(`${origin}/duckdb/${DUCKDB_WASM}`)).status).toBe(418);
      expect((await fetch(`${origin}/sub/duckdb/other.js`)).status).toBe(418);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
