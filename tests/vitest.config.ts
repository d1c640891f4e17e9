import { workspaceProject } from "../vitest.shared.ts";

export default workspaceProject("repo", { include: ["*.test.ts"], testTimeout: 300_000 });
