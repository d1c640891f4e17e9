import { describe, expect, it } from "vitest";
import { MEMORY_LIMIT_ENV_VAR } from "../src/db.ts";
import { failureHint } from "../src/failure-hint.ts";

describe("the hint printed after a failed build", () => {
  const oom = "Out of Memory Error: could not allocate block of size 256.0 KiB (366.2 MiB/366.2 MiB used)";

  it("names the memory switch and the budget in force after DuckDB's out-of-memory error", () => {
    expect(failureHint(oom, {})).toContain(`${MEMORY_LIMIT_ENV_VAR}=4GB`);
    expect(failureHint(oom, {})).toContain("384MB memory budget");
    expect(failureHint(oom, { [MEMORY_LIMIT_ENV_VAR]: "2GB" })).toContain("2GB memory budget");
  });

  it("adds nothing to other errors", () => {
    expect(failureHint("dataset.csv:12:3: expected a number, got 'abc'", {})).toBe("");
  });
});
