import { RESULT_SCHEMAS } from "./registry.ts";

export { ResultValidationError } from "./store.ts";

import { createResultStore } from "./store.ts";

/** The analysis package's results: `<dir>/results/<name>.json`, validated on write and on read. */
export const { readResult, resultPath, writeResult } = createResultStore(RESULT_SCHEMAS);
