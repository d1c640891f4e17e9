import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChecksumMismatchError, sha256File, verifySha256 } from "../src/checksum.ts";
import { FIXTURE, makeTempRepo, patternBytes, removeTempRepos, sha256Of, WRONG } from "./helpers.ts";

afterEach(removeTempRepos);

describe("sha256File", () => {
  it("matches the published SHA-256 test vectors", async () => {
    const repo = await makeTempRepo();
    const abc = await repo.put(join(repo.base, "abc.txt"), Buffer.from("abc"));
    const empty = await repo.put(join(repo.base, "empty.txt"), Buffer.alloc(0));
    expect(await sha256File(abc)).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(await sha256File(empty)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("hashes a file that spans many stream chunks like the in-memory digest", async () => {
    const repo = await makeTempRepo();
    const bytes = patternBytes(1024 * 1024 + 17);
    const path = await repo.put(join(repo.base, "big.bin"), bytes);
    expect(await sha256File(path)).toBe(sha256Of(bytes));
  });

  it("rejects for a missing file", async () => {
    const repo = await makeTempRepo();
    await expect(sha256File(join(repo.base, "nope.csv"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("verifySha256", () => {
  it("accepts the matching digest, in either case", async () => {
    const repo = await makeTempRepo();
    const path = await repo.put(join(repo.base, "ok.csv"), FIXTURE);
    await expect(verifySha256(path, sha256Of(FIXTURE))).resolves.toBeUndefined();
    await expect(verifySha256(path, sha256Of(FIXTURE).toUpperCase())).resolves.toBeUndefined();
  });

  it("throws a ChecksumMismatchError that names the path and both digests", async () => {
    const repo = await makeTempRepo();
    const path = await repo.put(join(repo.base, "wrong.csv"), WRONG);
    const expected = sha256Of(FIXTURE);
    const error = await verifySha256(path, expected).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toBeInstanceOf(Error);
    const mismatch = error as ChecksumMismatchError;
    expect(mismatch.name).toBe("ChecksumMismatchError");
    expect(mismatch.path).toBe(path);
    expect(mismatch.expected).toBe(expected);
    expect(mismatch.actual).toBe(sha256Of(WRONG));
    expect(mismatch.message).toContain(path);
    expect(mismatch.message).toContain(expected);
    expect(mismatch.message).toContain(sha256Of(WRONG));
  });

  it("treats a truncated file as a mismatch", async () => {
    const repo = await makeTempRepo();
    const path = await repo.put(join(repo.base, "short.csv"), FIXTURE.subarray(0, FIXTURE.length - 1));
    await expect(verifySha256(path, sha256Of(FIXTURE))).rejects.toBeInstanceOf(ChecksumMismatchError);
  });
});
