import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChecksumMismatchError } from "../src/checksum.ts";
import type { DownloadProgress } from "../src/download.ts";
import {
  datasetCandidates,
  defaultRepoRoot,
  ENV_VAR,
  locateDataset,
  UNPINNED_ENV_VAR,
} from "../src/locate.ts";
import {
  FIXTURE,
  fixtureLock,
  makeTempRepo,
  removeTempRepos,
  sha256Of,
  startServer,
  type TempRepo,
  type TestServer,
  WRONG,
} from "./helpers.ts";

let server: TestServer | undefined;

afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
  await removeTempRepos();
});

const noFetch = vi.fn<typeof globalThis.fetch>(async () => {
  throw new Error("fetch must not be called");
});

afterEach(() => noFetch.mockClear());

interface Layout {
  env?: Buffer;
  data?: Buffer;
  mirror?: Buffer;
}

async function lay(repo: TempRepo, layout: Layout, file = "dataset.csv") {
  const candidates = datasetCandidates(repo.repoRoot, file);
  const paths = { env: join(repo.base, "elsewhere", file), ...candidates };
  if (layout.env) await repo.put(paths.env, layout.env);
  if (layout.data) await repo.put(paths.data, layout.data);
  if (layout.mirror) await repo.put(paths.mirror, layout.mirror);
  return paths;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as Error,
  );
}

describe("datasetCandidates", () => {
  it("puts data/raw inside the repo and the mirror beside it", () => {
    const root = resolve("/tmp/checkout/repo");
    expect(datasetCandidates(root)).toEqual({
      data: join(root, "data", "raw", "dataset.csv"),
      mirror: resolve("/tmp/checkout/shared/data/spotify-tracks/dataset.csv"),
    });
    expect(datasetCandidates(root, "tracks.csv").mirror).toBe(
      resolve("/tmp/checkout/shared/data/spotify-tracks/tracks.csv"),
    );
  });

  it("defaults the repo root to the folder holding this package", () => {
    expect(existsSync(join(defaultRepoRoot, "data", "dataset.lock.json"))).toBe(true);
    expect(existsSync(join(defaultRepoRoot, "data", "src", "locate.ts"))).toBe(true);
  });
});

describe("locateDataset lookup order", () => {
  it("prefers the environment variable over data/raw and the mirror", async () => {
    const repo = await makeTempRepo();
    const paths = await lay(repo, { env: FIXTURE, data: FIXTURE, mirror: FIXTURE });
    const lines: string[] = [];
    const found = await locateDataset({
      env: { [ENV_VAR]: paths.env },
      repoRoot: repo.repoRoot,
      lock: fixtureLock(),
      fetch: noFetch,
      log: (line) => lines.push(line),
    });
    expect(found).toEqual({
      path: paths.env,
      source: "env",
      sha256: sha256Of(FIXTURE),
      bytes: FIXTURE.length,
      pinned: true,
    });
    expect(lines).toEqual([`dataset: ${paths.env} (from ${ENV_VAR}, sha256 verified)`]);
  });

  it("resolves a relative environment path against the working directory", async () => {
    const repo = await makeTempRepo();
    const paths = await lay(repo, { env: FIXTURE });
    const found = await locateDataset({
      env: { [ENV_VAR]: relative(process.cwd(), paths.env) },
      repoRoot: repo.repoRoot,
      lock: fixtureLock(),
      fetch: noFetch,
    });
    expect(found.path).toBe(paths.env);
    expect(found.source).toBe("env");
  });

  it("reads process.env when no env is passed", async () => {
    const repo = await makeTempRepo();
    const paths = await lay(repo, { env: FIXTURE, data: FIXTURE });
    vi.stubEnv(ENV_VAR, paths.env);
    const found = await locateDataset({ repoRoot: repo.repoRoot, lock: fixtureLock(), fetch: noFetch });
    expect(found.source).toBe("env");
  });

  it("ignores an empty environment variable", async () => {
    const repo = await makeTempRepo();
    const paths = await lay(repo, { data: FIXTURE, mirror: FIXTURE });
    const found = await locateDataset({
      env: { [ENV_VAR]: "" },
      repoRoot: repo.repoRoot,
      lock: fixtureLock(),
      fetch: noFetch,
    });
    expect(found).toMatchObject({ path: paths.data, source: "data" });
  });

  it("prefers data/raw over the mirror", async () => {
    const repo = await makeTempRepo();
    const paths = await lay(repo, { data: FIXTURE, mirror: FIXTURE });
    const lines: string[] = [];
    const found = await locateDataset({
      env: {},
      repoRoot: repo.repoRoot,
      lock: fixtureLock(),
      fetch: noFetch,
      log: (line) => lines.push(line),
    });
    expect(found).toEqual({
      path: paths.data,
      source: "data",
      sha256: sha256Of(FIXTURE),
      bytes: FIXTURE.length,
      pinned: true,
    });
    expect(lines).toEqual([`dataset: ${paths.data} (data/raw, sha256 verified)`]);
  });

  it("uses the mirror when it is the only copy, without creating data/raw", async () => {
    const repo = await makeTempRepo();
    const paths = await lay(repo, { mirror: FIXTURE });
    const lines: string[] = [];
    const found = await locateDataset({
      env: {},
      repoRoot: repo.repoRoot,
      lock: fixtureLock(),
      fetch: noFetch,
      log: (line) => lines.push(line),
    });
    expect(found).toMatchObject({ path: paths.mirror, source: "mirror" });
    expect(lines).toEqual([`dataset: ${paths.mirror} (mirror folder, sha256 verified)`]);
    expect(existsSync(repo.rawDir)).toBe(false);
    expect(noFetch).not.toHaveBeenCalled();
  });

  it("looks for the file named in the lock", async () => {
    const repo = await makeTempRepo();
    const paths = await lay(repo, { data: FIXTURE }, "tracks.csv");
    await repo.put(join(repo.rawDir, "dataset.csv"), WRONG);
    const found = await locateDataset({
      env: {},
      repoRoot: repo.repoRoot,
      lock: fixtureLock({ file: "tracks.csv" }),
      fetch: noFetch,
    });
    expect(found).toMatchObject({ path: paths.data, source: "data" });
    expect(paths.data.endsWith(join("data", "raw", "tracks.csv"))).toBe(true);
  });
});

describe("locateDataset errors", () => {
  it("accepts another version of the dataset only with its checksum stated, and marks it unpinned", async () => {
    const repo = await makeTempRepo();
    const paths = await lay(repo, { env: WRONG, mirror: FIXTURE });
    // Without the switch: refused, with the file's checksum and the switch named.
    const refused = await rejection(
      locateDataset({
        env: { [ENV_VAR]: paths.env },
        repoRoot: repo.repoRoot,
        lock: fixtureLock(),
        fetch: noFetch,
      }),
    );
    expect(refused).toBeInstanceOf(ChecksumMismatchError);
    expect(refused.message).toContain(`set ${UNPINNED_ENV_VAR}=${sha256Of(WRONG)} as well`);
    // With it: accepted, verified against the stated checksum, flagged.
    const lines: string[] = [];
    // The lock's provenance describes the pinned file only: a user's own version carries none.
    const provenance = {
      title: "Fixture",
      author: "A. Author",
      revision: "0000000",
      hosts: [{ name: "Host", id: "a/b", url: "https://example.org/a/b", license: "test" }],
      collection: "made up",
    };
    const found = await locateDataset({
      env: { [ENV_VAR]: paths.env, [UNPINNED_ENV_VAR]: sha256Of(WRONG).toUpperCase() },
      repoRoot: repo.repoRoot,
      lock: fixtureLock({ provenance }),
      fetch: noFetch,
      log: (line) => lines.push(line),
    });
    expect(found).toEqual({
      path: paths.env,
      source: "env",
      sha256: sha256Of(WRONG),
      bytes: WRONG.length,
      pinned: false,
    });
    expect(lines[0]).toMatch(/NOT the pinned dataset; every page will say so\)$/);
    // A stated checksum the file does not have is still an error; so is the switch without a file.
    const wrong = await rejection(
      locateDataset({
        env: { [ENV_VAR]: paths.env, [UNPINNED_ENV_VAR]: "a".repeat(64) },
        repoRoot: repo.repoRoot,
        lock: fixtureLock(),
        fetch: noFetch,
      }),
    );
    expect(wrong).toBeInstanceOf(ChecksumMismatchError);
    await expect(
      locateDataset({
        env: { [UNPINNED_ENV_VAR]: sha256Of(WRONG) },
        repoRoot: repo.repoRoot,
        lock: fixtureLock(),
      }),
    ).rejects.toThrow(`${UNPINNED_ENV_VAR} is set: set ${ENV_VAR} to the CSV file it is the checksum of.`);
    await expect(
      locateDataset({
        env: { [ENV_VAR]: paths.env, [UNPINNED_ENV_VAR]: "yes" },
        repoRoot: repo.repoRoot,
        lock: fixtureLock(),
      }),
    ).rejects.toThrow(/must be a file's sha256 \(64 hex digits\), not "yes"/);
    // The pinned file's own checksum stated through the switch is simply the pinned dataset.
    const pinned = await locateDataset({
      env: { [ENV_VAR]: paths.mirror, [UNPINNED_ENV_VAR]: sha256Of(FIXTURE) },
      repoRoot: repo.repoRoot,
      lock: fixtureLock({ provenance }),
      fetch: noFetch,
    });
    expect(pinned.pinned).toBe(true);
    expect(pinned.provenance).toEqual(provenance);
    expect(noFetch).not.toHaveBeenCalled();
  });

  it("explains a folder where the file should be, and names the dataset inside it", async () => {
    const repo = await makeTempRepo();
    const paths = await lay(repo, { env: FIXTURE, mirror: FIXTURE });
    const folder = dirname(paths.env);
    const error = await rejection(
      locateDataset({
        env: { [ENV_VAR]: folder },
        repoRoot: repo.repoRoot,
        lock: fixtureLock(),
        fetch: noFetch,
      }),
    );
    expect(error.message).toBe(
      `${ENV_VAR} is set to ${folder}, which is a folder: it must be the dataset's CSV file (dataset.csv). ` +
        `Did you mean ${paths.env}?`,
    );
    expect(error.message).not.toMatch(/EISDIR/);
    // A folder in data/raw's place is an error too, not a silent step on to the mirror.
    const { mkdir } = await import("node:fs/promises");
    await mkdir(paths.data, { recursive: true });
    const data = await rejection(
      locateDataset({ env: {}, repoRoot: repo.repoRoot, lock: fixtureLock(), fetch: noFetch }),
    );
    expect(data.message).toBe(`${paths.data} is a folder: it must be the dataset's CSV file (dataset.csv).`);
    expect(noFetch).not.toHaveBeenCalled();
  });

  it("fails when the environment variable names a missing file, even with valid copies elsewhere", async () => {
    const repo = await makeTempRepo();
    await lay(repo, { data: FIXTURE, mirror: FIXTURE });
    const missing = join(repo.base, "nowhere", "dataset.csv");
    const error = await rejection(
      locateDataset({
        env: { [ENV_VAR]: missing },
        repoRoot: repo.repoRoot,
        lock: fixtureLock(),
        fetch: noFetch,
      }),
    );
    expect(error).not.toBeInstanceOf(ChecksumMismatchError);
    expect(error.message).toBe(`${ENV_VAR} is set to ${missing}, but no file exists there.`);
    expect(noFetch).not.toHaveBeenCalled();
  });

  it.each([
    ["env", { env: WRONG, data: FIXTURE, mirror: FIXTURE }],
    ["data", { data: WRONG, mirror: FIXTURE }],
    ["mirror", { mirror: WRONG }],
  ] as const)(
    "rejects a wrong %s copy with a ChecksumMismatchError and does not fall through",
    async (source, layout) => {
      const repo = await makeTempRepo();
      const paths = await lay(repo, layout);
      const before = await repo.listRaw();
      const lines: string[] = [];
      const error = await rejection(
        locateDataset({
          env: source === "env" ? { [ENV_VAR]: paths.env } : {},
          repoRoot: repo.repoRoot,
          lock: fixtureLock(),
          fetch: noFetch,
          log: (line) => lines.push(line),
        }),
      );
      expect(error).toBeInstanceOf(ChecksumMismatchError);
      const mismatch = error as ChecksumMismatchError;
      expect(mismatch.path).toBe(paths[source]);
      expect(mismatch.message).toContain(paths[source]);
      expect(mismatch.expected).toBe(sha256Of(FIXTURE));
      expect(mismatch.actual).toBe(sha256Of(WRONG));
      expect(lines).toEqual([]);
      expect(noFetch).not.toHaveBeenCalled();
      expect(await repo.listRaw()).toEqual(before);
    },
  );

  it("says where it looked when nothing is found and downloading is off", async () => {
    const repo = await makeTempRepo();
    const paths = datasetCandidates(repo.repoRoot);
    const error = await rejection(
      locateDataset({
        env: {},
        repoRoot: repo.repoRoot,
        lock: fixtureLock(),
        allowDownload: false,
        fetch: noFetch,
      }),
    );
    expect(error).not.toBeInstanceOf(ChecksumMismatchError);
    expect(error.message).toContain("The dataset was not found");
    expect(error.message).toContain(ENV_VAR);
    expect(error.message).toContain(paths.data);
    expect(error.message).toContain(dirname(paths.mirror));
    expect(error.message).toContain("downloading was not allowed");
    expect(noFetch).not.toHaveBeenCalled();
    expect(existsSync(repo.rawDir)).toBe(false);
  });

  it("treats an env var pointing at the wrong file as fatal even when downloading is allowed", async () => {
    const repo = await makeTempRepo();
    const paths = await lay(repo, { env: WRONG });
    await expect(
      locateDataset({
        env: { [ENV_VAR]: paths.env },
        repoRoot: repo.repoRoot,
        lock: fixtureLock(),
        fetch: noFetch,
      }),
    ).rejects.toBeInstanceOf(ChecksumMismatchError);
    expect(noFetch).not.toHaveBeenCalled();
  });
});

describe("locateDataset download", () => {
  async function serveFixture(bytes: Buffer) {
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-length": bytes.length });
      response.end(bytes);
    });
    return server;
  }

  it("downloads into <repoRoot>/data/raw from the lock's URL when nothing is found", async () => {
    const repo = await makeTempRepo();
    const { url, requests } = await serveFixture(FIXTURE);
    const lines: string[] = [];
    const progress: DownloadProgress[] = [];
    const lock = fixtureLock({ url: url("/resolve/abc/dataset.csv") });
    const found = await locateDataset({
      env: {},
      repoRoot: repo.repoRoot,
      lock,
      log: (line) => lines.push(line),
      onDownloadProgress: (step) => progress.push({ ...step }),
    });
    const expected = join(repo.repoRoot, "data", "raw", "dataset.csv");
    expect(found).toEqual({
      path: expected,
      source: "download",
      sha256: lock.sha256,
      bytes: FIXTURE.length,
      pinned: true,
    });
    expect(await readFile(expected)).toEqual(FIXTURE);
    expect(await repo.listRaw()).toEqual(["dataset.csv"]);
    expect(requests).toEqual(["/resolve/abc/dataset.csv"]);
    expect(lines).toEqual([
      `dataset: not found locally; downloading ${lock.url}`,
      `dataset: downloaded to ${expected} (sha256 verified)`,
    ]);
    expect(progress.at(-1)).toMatchObject({ received: FIXTURE.length, total: FIXTURE.length });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.received).toBeGreaterThan(progress[i - 1]?.received ?? 0);
    }
  });

  it("finds the downloaded copy in data/raw on the next call without fetching again", async () => {
    const repo = await makeTempRepo();
    const { url, requests } = await serveFixture(FIXTURE);
    const lock = fixtureLock({ url: url() });
    await locateDataset({ env: {}, repoRoot: repo.repoRoot, lock });
    const again = await locateDataset({ env: {}, repoRoot: repo.repoRoot, lock });
    expect(again.source).toBe("data");
    expect(requests).toHaveLength(1);
  });

  it("passes the injected fetch through", async () => {
    const repo = await makeTempRepo();
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(FIXTURE));
    const lock = fixtureLock({ url: "https://example.invalid/dataset.csv" });
    const progress: DownloadProgress[] = [];
    const found = await locateDataset({
      env: {},
      repoRoot: repo.repoRoot,
      lock,
      fetch,
      onDownloadProgress: (step) => progress.push({ ...step }),
    });
    expect(found.source).toBe("download");
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe(lock.url);
    expect(progress.at(-1)).toMatchObject({ received: FIXTURE.length, total: lock.bytes });
  });

  it("throws on a wrong-bytes download and leaves data/raw empty", async () => {
    const repo = await makeTempRepo();
    const { url } = await serveFixture(WRONG);
    const lock = fixtureLock({ url: url() });
    await expect(locateDataset({ env: {}, repoRoot: repo.repoRoot, lock })).rejects.toThrow(
      /the download was not the pinned file/,
    );
    expect(await repo.listRaw()).toEqual([]);
  });

  it("throws on HTTP 404 and leaves data/raw empty", async () => {
    const repo = await makeTempRepo();
    server = await startServer((_request, response) => {
      response.writeHead(404);
      response.end("Entry not found");
    });
    const lock = fixtureLock({ url: server.url() });
    await expect(locateDataset({ env: {}, repoRoot: repo.repoRoot, lock })).rejects.toThrow(/HTTP 404/);
    expect(await repo.listRaw()).toEqual([]);
  });

  it("leaves data/raw empty when the connection drops mid-body", async () => {
    const repo = await makeTempRepo();
    server = await startServer((_request, response) => {
      response.writeHead(200, { "content-length": FIXTURE.length * 2 });
      response.write(FIXTURE);
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const lock = fixtureLock({ url: server.url() });
    await expect(locateDataset({ env: {}, repoRoot: repo.repoRoot, lock })).rejects.toThrow();
    expect(await repo.listRaw()).toEqual([]);
  });
});
