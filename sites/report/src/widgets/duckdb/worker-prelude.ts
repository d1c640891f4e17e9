/**
 * The worker the page starts (`duckdb/duckdb-worker.js`, written by `integrations/duckdb-worker.ts`): a
 * few lines that run before DuckDB-WASM's own worker script, which they then load. The file holds
 * `workerPrelude` as source text (`Function.prototype.toString`), so it must stay self-contained: no
 * imports, no references to anything outside its body.
 *
 * What it changes, measured in headless Chromium on 2 cores (`npm run bench -w @spotiflies/report`):
 * - **Compile while the worker script loads.** DuckDB-WASM fetches and compiles its 27 MB wasm only when
 *   the page's INSTANTIATE message reaches the worker, after its 0.8 MB script has loaded and run (0.2–0.35 s
 *   from `new Worker`) and the page's DuckDB JavaScript has arrived. The prelude is a 1.2 kB script that
 *   starts `WebAssembly.compileStreaming` first, then loads DuckDB's script, and hands the compiled module
 *   to DuckDB's `instantiateStreaming` call.
 * - **Let the browser cache the compiled code.** DuckDB-WASM wraps the wasm response in a
 *   progress-counting stream, so Chromium cannot tie the compiled code to the cached file; the prelude
 *   compiles the fetch response itself, which can be cached.
 * - **Work on hosts that send the wasm with another Content-Type.** Streaming compilation requires
 *   `application/wasm`; where the host sends something else, the prelude compiles the downloaded bytes.
 * - **Report start-up failures.** The stock worker leaves a failed wasm download as an unhandled
 *   rejection that the page never hears of (DuckDB would wait forever); the prelude rethrows such
 *   rejections so that they reach the page as the Worker's "error" event.
 */
export interface WorkerPreludeOptions {
  /** The wasm's file name, beside this script. */
  wasm: string;
  /** DuckDB-WASM's worker script's file name, beside this script. */
  script: string;
}

export function workerPrelude(options: WorkerPreludeOptions): void {
  const scope = self as unknown as {
    fetch: typeof fetch;
    location: { href: string };
    importScripts: (url: string) => void;
    addEventListener: (type: "unhandledrejection", listener: (event: PromiseRejectionEvent) => void) => void;
  };
  scope.addEventListener("unhandledrejection", (event) => {
    setTimeout(() => {
      throw event.reason;
    });
  });

  const wasmUrl = new URL(options.wasm, scope.location.href).href;
  const originalFetch = scope.fetch.bind(self);
  const download = () => originalFetch(wasmUrl, { credentials: "same-origin" });
  const compiled = WebAssembly.compileStreaming(download()).catch(async (error: unknown) => {
    // Streaming needs the host to send Content-Type: application/wasm; some static hosts do not, so
    // compile from the bytes instead. A file that is missing fails here too, with the first error.
    const response = await download();
    if (!response.ok) throw error;
    return WebAssembly.compile(await response.arrayBuffer());
  });
  // A failure surfaces when DuckDB instantiates, below; until then it is not unhandled.
  compiled.catch(() => undefined);

  // DuckDB-WASM fetches the wasm itself before instantiating it; answer that fetch with an empty body
  // instead of downloading the file a second time, since the module compiled above is what it receives.
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : new URL(String(input), scope.location.href).href;
    return url === wasmUrl ? Promise.resolve(new Response(null)) : originalFetch(input, init);
  };

  WebAssembly.instantiateStreaming = (_source, imports) =>
    compiled.then((module) =>
      WebAssembly.instantiate(module, imports).then((instance) => ({ module, instance })),
    );

  scope.importScripts(new URL(options.script, scope.location.href).href);
}
