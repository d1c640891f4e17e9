import { constants } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analysisOutputDir, readResult } from "@spotiflies/analysis/results";
import type { AstroIntegration } from "astro";
import { DOWNLOADS_DIR } from "../site/links.ts";
import { secondsSince } from "./elapsed.ts";

/**
 * After `astro build`, copies the files the analysis lists for download (manifest.json's `downloads`: the
 * cleaned table as Parquet and gzipped CSV, the removed rows) into dist/downloads/, byte for byte, so the
 * checksums the pages print are the checksums of what readers get.
 */
export function downloads(): AstroIntegration {
  return {
    name: "spotiflies:downloads",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const started = performance.now();
        const manifest = readResult(analysisOutputDir, "manifest");
        const target = join(fileURLToPath(dir), DOWNLOADS_DIR);
        await mkdir(target, { recursive: true });
        for (const file of manifest.downloads) {
          await copyFile(
            join(analysisOutputDir, file.file),
            join(target, file.file),
            constants.COPYFILE_FICLONE,
          );
        }
        const seconds = secondsSince(started);
        logger.info(
          `downloads: ${manifest.downloads.map((f) => f.file).join(", ")} → ${DOWNLOADS_DIR}/ (${seconds} s)`,
        );
      },
    },
  };
}
