import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { defaultRepoRoot, ENV_VAR } from "../src/locate.ts";
import { makeTempRepo, removeTempRepos, WRONG } from "./helpers.ts";

afterEach(removeTempRepos);

const cli = join(defaultRepoRoot, "data", "src", "cli.ts");

async function runCli(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", cli], {
      cwd: defaultRepoRoot,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("spotiflies-data CLI", () => {
  it("exits 1 with the reason when the environment variable names a missing file", async () => {
    const repo = await makeTempRepo();
    const missing = join(repo.base, "missing.csv");
    const result = await runCli({ [ENV_VAR]: missing });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`data: ${ENV_VAR} is set to ${missing}, but no file exists there.`);
    expect(result.stdout).not.toContain("ready");
  });

  it("exits 1 naming the file when the environment variable names the wrong bytes", async () => {
    const repo = await makeTempRepo();
    const wrong = await repo.put(join(repo.base, "wrong.csv"), WRONG);
    const result = await runCli({ [ENV_VAR]: wrong });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`data: ${wrong}: sha256 is `);
  });
});
