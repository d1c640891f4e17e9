import { workspaceProject } from "../../vitest.shared.ts";

// Files run one after another in the same module graph (isolate: false), so TensorFlow.js and DuckDB load once
// per worker rather than once per file: vitest's import time for this project fell from 19 s to 5 s (helper
// measurement, branch s12-T). No test here sets process-wide state another relies on (no vi.mock, no stubbed
// globals or env; each TensorFlow.js test picks its backend in beforeAll). The analysis keeps isolation, which
// its zeroed-memory module once needed; that module now loads only in the process that writes the DuckDB files.
export default workspaceProject("models", { isolate: false });
