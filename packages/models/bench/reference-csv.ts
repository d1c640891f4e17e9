import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Matrix } from "../src/matrix.ts";

/** One matrix and its labels as CSV rows (features, then the label): what the scikit-learn scripts read. */
function csv(M: Matrix, labels: Int32Array): string {
  const lines = Array.from({ length: M.rows }, (_, i) =>
    [...M.data.subarray(i * M.cols, (i + 1) * M.cols), labels[i]].join(","),
  );
  return `${lines.join("\n")}\n`;
}

/**
 * Writes the training and test rows to `train.csv` and `test.csv` in a fresh temporary folder, calls `use` with
 * it (the scikit-learn reference runs there), and removes the folder.
 */
export function withReferenceCsv<T>(
  train: { X: Matrix; y: Int32Array },
  test: { X: Matrix; y: Int32Array },
  prefix: string,
  use: (dir: string) => T,
): T {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    writeFileSync(join(dir, "train.csv"), csv(train.X, train.y));
    writeFileSync(join(dir, "test.csv"), csv(test.X, test.y));
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
