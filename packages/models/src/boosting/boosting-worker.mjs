// Worker entry of HistGradientBoostingClassifier. Node cannot run the TypeScript worker by itself and does not
// pass the parent's tsx loader hooks on to worker threads (Node 20), so register tsx's ESM loader here first.
import { register } from "tsx/esm/api";

register();
await import("./boosting-worker.ts");
