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
 * - **Download the database files here, off the page's main thread.** A 7 MB response body read on the
 *   main thread arrives there as a stream of copying tasks: Lighthouse (mobile) counted 0.6–2 s of blocking
 *   time on /explore/ from them alone, and none when a worker read the same file. So the page registers
 *   each database file with DuckDB under its name and an empty buffer, and the prelude fills in the bytes
 *   it downloaded before DuckDB sees the message: the first file as soon as the worker runs, the others
 *   when the page registers them. It reports each download to the page as a DuckDB `LOG` message (which
 *   DuckDB-WASM's page side hands to its logger, the report's being silent), and a failed download as the
 *   registration's error, with a sentence the widgets can show. Other messages pass straight on.
 * - **Report start-up failures.** The stock worker leaves a failed wasm download as an unhandled
 *   rejection that the page never hears of (DuckDB would wait forever); the prelude rethrows such
 *   rejections so that they reach the page as the Worker's "error" event.
 */
export interface WorkerPreludeOptions {
  /** The wasm's file name, beside this script. */
  wasm: string;
  /** DuckDB-WASM's worker script's file name, beside this script. */
  script: string;
  /** The database files the worker downloads itself, by the name the page registers each under in DuckDB. */
  databases: Record<string, PreludeDatabase>;
}

/** One database file that the prelude downloads (see above). */
export interface PreludeDatabase {
  /** Its file name, beside this script. */
  file: string;
  /** What it is, to start the sentence that says it could not be downloaded ("The database file"). */
  label: string;
  /** Download it as soon as the worker runs, rather than when the page registers it. */
  prefetch: boolean;
}

/** What the prelude posts to the page about a download, as the `data` of a DuckDB `LOG` message. */
export interface PreludeDownloadLog {
  prelude: "download";
  /** The name the page registers the file under. */
  name: string;
  /** Undefined when the download succeeded; otherwise the sentence saying why it failed. */
  error?: string;
}

export function workerPrelude(options: WorkerPreludeOptions): void {
  const scope = self as unknown as {
    fetch: typeof fetch;
    location: { href: string };
    importScripts: (url: string) => void;
    addEventListener: (type: "unhandledrejection", listener: (event: PromiseRejectionEvent) => void) => void;
    postMessage: (message: unknown) => void;
    onmessage: ((event: { data: unknown }) => unknown) | null;
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

  // Each database file's download, started at most once; a failure settles as the sentence to show.
  const downloads = new Map<string, Promise<Uint8Array>>();
  const downloadDatabase = (name: string): Promise<Uint8Array> => {
    let download = downloads.get(name);
    if (download) return download;
    const database = options.databases[name] as PreludeDatabase;
    download = originalFetch(new URL(database.file, scope.location.href).href, { credentials: "same-origin" })
      .then(
        async (response) => {
          if (!response.ok)
            throw new Error(`${database.label} could not be downloaded (HTTP ${response.status}).`);
          return new Uint8Array(await response.arrayBuffer());
        },
        (error: unknown) => {
          throw new Error(`${database.label} could not be downloaded: ${(error as Error).message}`);
        },
      )
      .then(
        (bytes) => {
          scope.postMessage({ type: "LOG", data: { prelude: "download", name } });
          return bytes;
        },
        (error: Error) => {
          // Forgotten, so that the page's next registration of the file tries again.
          downloads.delete(name);
          scope.postMessage({ type: "LOG", data: { prelude: "download", name, error: error.message } });
          throw error;
        },
      );
    downloads.set(name, download);
    return download;
  };
  for (const name of Object.keys(options.databases)) {
    if (options.databases[name]?.prefetch) downloadDatabase(name).catch(() => undefined);
  }

  scope.importScripts(new URL(options.script, scope.location.href).href);

  // DuckDB's message handler, set by its script. A registration waiting for its download does not hold
  // up the messages after it (the widgets' queries while the track IDs download): the page awaits each
  // registration's reply before it sends anything that needs the file.
  const duckdb = scope.onmessage as (event: { data: unknown }) => unknown;
  scope.onmessage = (event) => {
    const request = event.data as { messageId?: number; type?: string; data?: unknown[] };
    const name = request?.type === "REGISTER_FILE_BUFFER" ? request.data?.[0] : undefined;
    const empty = (request?.data?.[1] as Uint8Array | undefined)?.byteLength === 0;
    if (typeof name !== "string" || !empty || !Object.hasOwn(options.databases, name)) {
      duckdb(event);
      return;
    }
    downloadDatabase(name).then(
      (bytes) => {
        duckdb({ data: { ...request, data: [name, bytes] } });
      },
      (error: Error) => {
        // DuckDB's own error reply, so that the page's registration rejects with this sentence.
        const data = { name: "Error", message: error.message };
        scope.postMessage({ messageId: -1, requestId: request.messageId, type: "ERROR", data });
      },
    );
  };
}
