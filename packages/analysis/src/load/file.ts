import { stat } from "node:fs/promises";
import { DatasetFormatError } from "./errors.ts";

/** The file's size in bytes; a missing, non-regular or empty file is a `DatasetFormatError`. */
export async function datasetFileSize(path: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "file not found" : `cannot read the file (${(error as Error).message})`;
    throw new DatasetFormatError(path, reason, {}, { cause: error });
  }
  if (!info.isFile()) throw new DatasetFormatError(path, "not a regular file");
  if (info.size === 0) throw new DatasetFormatError(path, "the file is empty (0 bytes)");
  return info.size;
}
