import { Worker } from "node:worker_threads";
import type { Matrix } from "../matrix.ts";
import type { Linkage } from "./ward-linkage.ts";

/**
 * {@link wardLinkage} on a worker thread, so that the O(n²) tree (≈ 15 s for 20,000 rows) is built while the
 * main thread fits the other models. Same result as the synchronous call: the worker runs the same code.
 */
export async function wardLinkageInWorker(X: Matrix): Promise<Linkage> {
  const worker = new Worker(new URL("./ward-worker.mjs", import.meta.url));
  try {
    return await new Promise<Linkage>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) =>
        reject(new Error(`Ward worker exited with code ${code} before finishing`)),
      );
      worker.postMessage(X);
    });
  } finally {
    await worker.terminate();
  }
}
