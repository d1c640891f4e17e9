import { workspaceProject } from "../../vitest.shared.ts";

export default workspaceProject("report", { testTimeout: 120_000 });
