import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { DatasetLock } from "../src/lock.ts";

export const FIXTURE = Buffer.from(
  "track_id,track_name,artists,popularity,track_genre\n" +
    "0001,Alpha,Ada,10,acoustic\n" +
    "0002,Beta,Bo,20,jazz\n" +
    "0003,Gamma,Cy,30,k-pop\n",
  "utf8",
);

export const WRONG = Buffer.from(FIXTURE.toString("utf8").replace("Beta", "Bete"), "utf8");

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function fixtureLock(overrides: Partial<DatasetLock> = {}, bytes: Uint8Array = FIXTURE): DatasetLock {
  return {
    name: "fixture",
    file: "dataset.csv",
    bytes: bytes.length,
    sha256: sha256Of(bytes),
    revision: "0000000000000000000000000000000000000000",
    url: "http://127.0.0.1:9/unreachable.csv",
    license: "test",
    ...overrides,
  };
}

/** A throwaway checkout: `<base>/repo` is the repo root and `<base>/shared/...` its mirror folder. */
export interface TempRepo {
  base: string;
  repoRoot: string;
  rawDir: string;
  mirrorDir: string;
  put(path: string, bytes: Uint8Array): Promise<string>;
  listRaw(): Promise<string[]>;
}

const created: string[] = [];

export async function makeTempRepo(): Promise<TempRepo> {
  const base = await mkdtemp(join(tmpdir(), "spotiflies-data-test-"));
  created.push(base);
  const repoRoot = join(base, "repo");
  await mkdir(repoRoot);
  const rawDir = join(repoRoot, "data", "raw");
  return {
    base,
    repoRoot,
    rawDir,
    mirrorDir: join(base, "shared", "data", "spotify-tracks"),
    async put(path, bytes) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
      return path;
    },
    async listRaw() {
      return existsSync(rawDir) ? (await readdir(rawDir)).sort() : [];
    },
  };
}

export async function removeTempRepos(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface TestServer {
  url(path?: string): string;
  requests: string[];
  close(): Promise<void>;
}

export async function startServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<TestServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/dataset.csv") => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Writes `bytes` in `chunks` pieces, yielding to the event loop between them so the client sees several reads. */
export async function writeInChunks(response: ServerResponse, bytes: Uint8Array, chunks: number) {
  const size = Math.ceil(bytes.length / chunks);
  for (let offset = 0; offset < bytes.length; offset += size) {
    response.write(bytes.subarray(offset, offset + size));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  response.end();
}

export function patternBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}
