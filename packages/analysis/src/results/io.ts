import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { RESULT_SCHEMAS, type Result, type ResultName } from "./registry.ts";

export class ResultValidationError extends Error {
  constructor(file: string, issues: string) {
    super(`${file} does not match its schema:\n${issues}`);
    this.name = "ResultValidationError";
  }
}

function validate<N extends ResultName>(name: N, value: unknown, file: string): Result<N> {
  const parsed = RESULT_SCHEMAS[name].safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new ResultValidationError(file, issues.join("\n"));
  }
  return parsed.data as Result<N>;
}

export function resultPath(dir: string, name: ResultName): string {
  return join(dir, "results", `${name}.json`);
}

/** Validates a result against its schema and writes it as stable, indented JSON. */
export async function writeResult<N extends ResultName>(
  dir: string,
  name: N,
  value: Result<N>,
): Promise<string> {
  const file = resultPath(dir, name);
  const checked = validate(name, value, file);
  await writeFile(file, `${JSON.stringify(checked, null, 1)}\n`);
  return file;
}

/** Reads a result and validates it; a missing file or a schema mismatch is an error naming the file. */
export function readResult<N extends ResultName>(dir: string, name: N): Result<N> {
  const file = resultPath(dir, name);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(`${file} is missing: build the analysis first (npm run build).`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ResultValidationError(file, `  not valid JSON: ${(error as Error).message}`);
  }
  return validate(name, value, file);
}
