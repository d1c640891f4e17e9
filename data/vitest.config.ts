import { workspaceProject } from "../vitest.shared.ts";

// Files run one after another in the same module graph (isolate: false), so the modules load once per worker
// rather than once per file: 11.4 -> 8.6 s for this project (helper measurement on a loaded machine, branch
// s12-T). No test here sets process-wide state another relies on (no vi.mock, no stubbed globals or env).
export default workspaceProject("data", { isolate: false });
