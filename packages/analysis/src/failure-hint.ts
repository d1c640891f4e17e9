import { MEMORY_LIMIT_ENV_VAR, PIPELINE_MEMORY_LIMIT } from "./db.ts";

/**
 * What to do about a failed build, where the error alone does not say: DuckDB's out-of-memory error names
 * its own limit but not the switch that raises it, which a user with far more tracks than the dataset needs.
 */
export function failureHint(message: string, env: Record<string, string | undefined> = process.env): string {
  if (!/out of memory/i.test(message)) return "";
  const limit = env[MEMORY_LIMIT_ENV_VAR] || PIPELINE_MEMORY_LIMIT;
  return (
    `\nDuckDB ran out of its ${limit} memory budget. Where memory allows, raise it, e.g. ` +
    `${MEMORY_LIMIT_ENV_VAR}=4GB npm run build (see the README's "Scaling" section).`
  );
}
