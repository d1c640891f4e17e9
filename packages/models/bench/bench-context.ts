import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analysisOutputDir, CLEANED_PARQUET } from "@spotiflies/analysis/results";
import { loadTracks } from "../src/dataset/tracks.ts";
import { createContext, type ExperimentContext } from "../src/experiments/context.ts";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The models' experiment context on the real cleaned tracks, building the analysis first when its output is missing. */
export async function benchContext(): Promise<ExperimentContext> {
  if (!existsSync(join(analysisOutputDir, CLEANED_PARQUET))) {
    console.log("cleaned.parquet missing: building @spotiflies/analysis …");
    execFileSync("npm", ["run", "build", "-w", "@spotiflies/analysis"], { stdio: "inherit", cwd: repoRoot });
  }
  return createContext(await loadTracks());
}
