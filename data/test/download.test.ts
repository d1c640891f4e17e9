import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { type DownloadProgress, DownloadStalledError, downloadVerified } from "../src/download.ts";
import {
  FIXTURE,
  makeTempRepo,
  patternBytes,
  removeTempRepos,
  sha256Of,
  startServer,
  type TestServer,
  WRONG,
  writeInChunks,
} from "./helpers.ts";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  await removeTempRepos();
});

async function serve(bytes: Uint8Array, headers: Record<string, string | number> = {}) {
  server = await startServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/csv", "content-length": bytes.length, ...headers });
    response.end(bytes);
  });
  return server;
}

function expectMonotone(progress: DownloadProgress[], total: number) {
  expect(progress.length).toBeGreaterThan(0);
  for (let i = 1; i < progress.length; i++) {
    expect(progress[i]?.received).toBeGreaterThan(progress[i - 1]?.received ?? 0);
  }
  for (const step of progress) {
    expect(step.total).toBe(total);
    expect(step.received).toBeLessThanOrEqual(total);
  }
  expect(progress.at(-1)?.received).toBe(total);
}

describe("downloadVerified", () => {
  it("writes the verified bytes to the destination, creating its folders, with nothing left beside it", async () => {
    const repo = await makeTempRepo();
    const { url } = await serve(FIXTURE);
    const destination = join(repo.rawDir, "dataset.csv");
    await downloadVerified({ url: url(), destination, sha256: sha256Of(FIXTURE) });
    expect(await readFile(destination)).toEqual(FIXTURE);
    expect(await repo.listRaw()).toEqual(["dataset.csv"]);
  });

  it("reports monotone progress against Content-Length that ends at the total", async () => {
    const repo = await makeTempRepo();
    const bytes = patternBytes(512 * 1024 + 3);
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-length": bytes.length });
      void writeInChunks(response, bytes, 8);
    });
    const progress: DownloadProgress[] = [];
    await downloadVerified({
      url: server.url(),
      destination: join(repo.rawDir, "dataset.csv"),
      sha256: sha256Of(bytes),
      expectedBytes: 1,
      onProgress: (step) => progress.push({ ...step }),
    });
    expect(progress.length).toBeGreaterThan(1);
    expectMonotone(progress, bytes.length);
  });

  it("falls back to expectedBytes as the total when the server announces no length", async () => {
    const repo = await makeTempRepo();
    const bytes = patternBytes(200_000);
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/csv" });
      void writeInChunks(response, bytes, 5);
    });
    const progress: DownloadProgress[] = [];
    await downloadVerified({
      url: server.url(),
      destination: join(repo.rawDir, "dataset.csv"),
      sha256: sha256Of(bytes),
      expectedBytes: bytes.length,
      onProgress: (step) => progress.push({ ...step }),
    });
    expectMonotone(progress, bytes.length);
  });

  it("leaves the total undefined when neither the server nor the caller knows it", async () => {
    const repo = await makeTempRepo();
    server = await startServer((_request, response) => {
      response.writeHead(200);
      response.end(FIXTURE);
    });
    const progress: DownloadProgress[] = [];
    await downloadVerified({
      url: server.url(),
      destination: join(repo.rawDir, "dataset.csv"),
      sha256: sha256Of(FIXTURE),
      onProgress: (step) => progress.push({ ...step }),
    });
    expect(progress.at(-1)).toMatchObject({ received: FIXTURE.length, total: undefined });
  });

  it("counts decoded bytes against the expected size when the body is compressed", async () => {
    const repo = await makeTempRepo();
    const bytes = Buffer.from("track_id,popularity\n".repeat(5000));
    const gzipped = gzipSync(bytes);
    const { url } = await serve(gzipped, { "content-encoding": "gzip" });
    const progress: DownloadProgress[] = [];
    const destination = join(repo.rawDir, "dataset.csv");
    await downloadVerified({
      url: url(),
      destination,
      sha256: sha256Of(bytes),
      expectedBytes: bytes.length,
      onProgress: (step) => progress.push({ ...step }),
    });
    expect(await readFile(destination)).toEqual(bytes);
    expectMonotone(progress, bytes.length);
  });

  it("follows redirects", async () => {
    const repo = await makeTempRepo();
    server = await startServer((request, response) => {
      if (request.url === "/resolve/dataset.csv") {
        response.writeHead(302, { location: "/cdn/dataset.csv" });
        response.end();
        return;
      }
      response.writeHead(200, { "content-length": FIXTURE.length });
      response.end(FIXTURE);
    });
    const destination = join(repo.rawDir, "dataset.csv");
    await downloadVerified({
      url: server.url("/resolve/dataset.csv"),
      destination,
      sha256: sha256Of(FIXTURE),
    });
    expect(server.requests).toEqual(["/resolve/dataset.csv", "/cdn/dataset.csv"]);
    expect(await readFile(destination)).toEqual(FIXTURE);
  });

  it("uses the injected fetch", async () => {
    const repo = await makeTempRepo();
    const urls: string[] = [];
    const destination = join(repo.rawDir, "dataset.csv");
    await downloadVerified({
      url: "https://example.invalid/dataset.csv",
      destination,
      sha256: sha256Of(FIXTURE),
      fetch: async (input) => {
        urls.push(String(input));
        return new Response(FIXTURE);
      },
    });
    expect(urls).toEqual(["https://example.invalid/dataset.csv"]);
    expect(await readFile(destination)).toEqual(FIXTURE);
  });

  it("throws on wrong bytes and leaves neither the destination nor a temporary file", async () => {
    const repo = await makeTempRepo();
    const { url } = await serve(WRONG);
    const destination = join(repo.rawDir, "dataset.csv");
    await expect(downloadVerified({ url: url(), destination, sha256: sha256Of(FIXTURE) })).rejects.toThrow(
      new RegExp(
        `${url().replace(/[.]/g, "\\.")}: sha256 is ${sha256Of(WRONG)} .*the download was not the pinned file`,
      ),
    );
    expect(existsSync(destination)).toBe(false);
    expect(await repo.listRaw()).toEqual([]);
  });

  it("leaves an existing destination untouched when the new download fails verification", async () => {
    const repo = await makeTempRepo();
    const destination = await repo.put(join(repo.rawDir, "dataset.csv"), Buffer.from("old contents\n"));
    const { url } = await serve(WRONG);
    await expect(downloadVerified({ url: url(), destination, sha256: sha256Of(FIXTURE) })).rejects.toThrow(
      /the download was not the pinned file/,
    );
    expect(await readFile(destination, "utf8")).toBe("old contents\n");
    expect(await repo.listRaw()).toEqual(["dataset.csv"]);
  });

  it("abandons a body that stops arriving, says so and leaves nothing", async () => {
    const repo = await makeTempRepo();
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-length": String(FIXTURE.length) });
      // Half the bytes, then silence with the connection held open.
      response.write(FIXTURE.subarray(0, 50));
    });
    const destination = join(repo.rawDir, "dataset.csv");
    const url = server.url();
    const started = performance.now();
    const error = await downloadVerified({
      url,
      destination,
      sha256: sha256Of(FIXTURE),
      stallSeconds: 0.3,
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(DownloadStalledError);
    expect((error as Error).message).toBe(
      `Download of ${url} stalled: no data for 0.3 s (50 of ${FIXTURE.length} bytes received). Check the network ` +
        "and run the build again (it starts the download afresh), or download the file yourself and set " +
        "SPOTIFY_TRACKS_CSV to it.",
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(existsSync(destination)).toBe(false);
    expect(await repo.listRaw()).toEqual([]);
  });

  it("abandons a server that never answers", async () => {
    const repo = await makeTempRepo();
    server = await startServer(() => {
      // No response at all.
    });
    const error = await downloadVerified({
      url: server.url(),
      destination: join(repo.rawDir, "dataset.csv"),
      sha256: sha256Of(FIXTURE),
      expectedBytes: FIXTURE.length,
      stallSeconds: 0.3,
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(DownloadStalledError);
    expect((error as Error).message).toMatch(/stalled: no data for 0\.3 s \(0 of \d+ bytes received\)/);
    expect(await repo.listRaw()).toEqual([]);
  });

  it("throws on HTTP 404 and leaves nothing", async () => {
    const repo = await makeTempRepo();
    server = await startServer((_request, response) => {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("Entry not found");
    });
    const destination = join(repo.rawDir, "dataset.csv");
    const url = server.url();
    await expect(downloadVerified({ url, destination, sha256: sha256Of(FIXTURE) })).rejects.toThrow(
      `Download of ${url} failed: HTTP 404 Not Found`,
    );
    expect(existsSync(destination)).toBe(false);
    expect(await repo.listRaw()).toEqual([]);
  });

  it("throws on a server error and leaves nothing", async () => {
    const repo = await makeTempRepo();
    server = await startServer((_request, response) => {
      response.writeHead(503);
      response.end();
    });
    const destination = join(repo.rawDir, "dataset.csv");
    await expect(
      downloadVerified({ url: server.url(), destination, sha256: sha256Of(FIXTURE) }),
    ).rejects.toThrow(/HTTP 503/);
    expect(await repo.listRaw()).toEqual([]);
  });

  it.each([
    ["with a Content-Length", true],
    ["with chunked encoding", false],
  ])("leaves nothing when the connection drops mid-body (%s)", async (_label, withLength) => {
    const repo = await makeTempRepo();
    const bytes = patternBytes(256 * 1024);
    server = await startServer((_request, response) => {
      response.writeHead(200, withLength ? { "content-length": bytes.length } : {});
      response.write(bytes.subarray(0, bytes.length / 2));
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const progress: DownloadProgress[] = [];
    const destination = join(repo.rawDir, "dataset.csv");
    await expect(
      downloadVerified({
        url: server.url(),
        destination,
        sha256: sha256Of(bytes),
        onProgress: (step) => progress.push({ ...step }),
      }),
    ).rejects.toThrow();
    expect(progress.at(-1)?.received ?? 0).toBeLessThan(bytes.length);
    expect(existsSync(destination)).toBe(false);
    expect(await repo.listRaw()).toEqual([]);
  });

  it("leaves nothing when the server cannot be reached", async () => {
    const repo = await makeTempRepo();
    const closed = await startServer(() => {});
    const url = closed.url();
    await closed.close();
    await expect(
      downloadVerified({ url, destination: join(repo.rawDir, "dataset.csv"), sha256: sha256Of(FIXTURE) }),
    ).rejects.toThrow();
    expect(await repo.listRaw()).toEqual([]);
  });
});
