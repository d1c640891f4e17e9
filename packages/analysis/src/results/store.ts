import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { z } from "zod";

export class ResultValidationError extends Error {
  constructor(file: string, issues: string) {
    super(`${file} does not match its schema:\n${issues}`);
    this.name = "ResultValidationError";
  }
}

/**
 * Typed, schema-checked JSON files under `<dir>/results/<name>.json`, one schema per name. Every
 * package that writes results uses one of these, so results are validated on write and on read alike.
 */
export function createResultStore<R extends Record<string, z.ZodType>>(schemas: R) {
  type Name = keyof R & string;
  type Value<N extends Name> = z.infer<R[N]>;

  function validate<N extends Name>(name: N, value: unknown, file: string): Value<N> {
    const parsed = (schemas[name] as z.ZodType).safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`,
      );
      throw new ResultValidationError(file, issues.join("\n"));
    }
    return parsed.data as Value<N>;
  }

  function resultPath(dir: string, name: Name): string {
    return join(dir, "results", `${name}.json`);
  }

  /** Validates a result against its schema and writes it as stable, indented JSON. */
  async function writeResult<N extends Name>(dir: string, name: N, value: Value<N>): Promise<string> {
    const file = resultPath(dir, name);
    const checked = validate(name, value, file);
    await writeFile(file, `${JSON.stringify(checked, null, 1)}\n`);
    return file;
  }

  /** Reads a result and validates it; a missing file or a schema mismatch is an error naming the file. */
  function readResult<N extends Name>(dir: string, name: N): Value<N> {
    const file = resultPath(dir, name);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new Error(`${file} is missing: build it first (npm run build).`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ResultValidationError(file, `  not valid JSON: ${(error as Error).message}`);
    }
    return validate(name, value, file);
  }

  return { schemas, resultPath, writeResult, readResult };
}
