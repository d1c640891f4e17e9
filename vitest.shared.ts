import { defineProject } from "vitest/config";

/** The settings every workspace's tests share; each workspace names itself and may add to these. */
export function workspaceProject(
  name: string,
  overrides: { testTimeout?: number; include?: string[]; isolate?: boolean } = {},
) {
  return defineProject({
    test: {
      name,
      include: overrides.include ?? ["test/**/*.test.ts"],
      environment: "node",
      testTimeout: overrides.testTimeout ?? 30_000,
      hookTimeout: 120_000,
      isolate: overrides.isolate ?? true,
    },
  });
}
