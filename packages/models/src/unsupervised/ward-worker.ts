// Worker thread of `wardLinkageInWorker`: builds the Ward tree of the rows it is sent and posts it back.
import { parentPort } from "node:worker_threads";
import type { Matrix } from "../matrix.ts";
import { wardLinkage } from "./ward-linkage.ts";

const port = parentPort;
if (!port) throw new Error("ward-worker.ts must run in a worker thread");
port.once("message", (X: Matrix) => {
  const linkage = wardLinkage(X);
  port.postMessage(linkage, [
    linkage.children.buffer,
    linkage.heights.buffer,
    linkage.sizes.buffer,
  ] as ArrayBuffer[]);
});
